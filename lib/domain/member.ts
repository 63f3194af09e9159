/** The members page's shapes: an account with its role, and the change an admin may make. */
import { z } from "zod";

/** An account as an admin sees it on the members page. */
export interface Member {
  id: string;
  name: string;
  email: string;
  role: "member" | "editor" | "admin";
  /** ISO 8601. */
  joined: string;
}

/** `PATCH /api/members/<id>`: an admin makes a member an editor, or an editor a member again. */
export const memberRoleSchema = z.object({ role: z.enum(["member", "editor"]) }).strict();
export type MemberRoleInput = z.infer<typeof memberRoleSchema>;
