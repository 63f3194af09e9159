/**
 * Groups: members who share notes among themselves (`visibility: "group"`). The API's shapes and
 * the zod schemas of its input, declared once. No IO.
 *
 * Rules (lib/services/groups.ts): any member makes a group and owns it; the owner renames it,
 * adds members by the email of an account or by an invite link, removes them, hands the group
 * over to another member and deletes it; a member other than the owner leaves. Only members see
 * a group (anyone else is answered 404, as for an id that does not exist), admins included.
 */
import { z } from "zod";
import { storedText } from "@/lib/text/stored-text";

export const MAX_GROUP_NAME_CHARS = 100;
export const MAX_GROUP_DESCRIPTION_CHARS = 1_000;
/** How many groups one account may own. */
export const MAX_OWNED_GROUPS = 50;
/** How many members a group may have. */
export const MAX_GROUP_MEMBERS = 500;
/** How long an invite link works unless asked otherwise, and at most, in days. */
export const INVITE_DAYS = 7;
export const MAX_INVITE_DAYS = 30;
/** The prefix of an invite link's token, so one is recognisable in a log or a paste. */
export const INVITE_TOKEN_PREFIX = "brg_";

/** A group as its members see it in a list. */
export interface GroupSummary {
  id: string;
  name: string;
  description: string;
  owner: { id: string; name: string };
  /** The viewer's part in it. */
  role: "owner" | "member";
  memberCount: number;
  created: string;
}

export interface GroupMemberView {
  id: string;
  name: string;
  joined: string;
  owner: boolean;
}

/** One group with its members, for its members. */
export interface GroupDetail extends GroupSummary {
  members: GroupMemberView[];
}

/** A group an annotation is shared with, as an annotation names it. */
export interface GroupRef {
  id: string;
  name: string;
}

/** A fresh invite link: the only time its token is shown. */
export interface GroupInviteLink {
  url: string;
  expiresAt: string;
}

// A group's name is a label shown beside others: no bidirectional controls (lib/text/stored-text.ts).
const nameSchema = storedText({ label: true })
  .transform((name) => name.trim())
  .pipe(z.string().min(1, "must not be empty").max(MAX_GROUP_NAME_CHARS));

const descriptionSchema = storedText()
  .transform((description) => description.trim())
  .pipe(z.string().max(MAX_GROUP_DESCRIPTION_CHARS));

export const createGroupSchema = z.object({ name: nameSchema, description: descriptionSchema.default("") }).strict();
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

const idSchema = storedText().pipe(z.string().min(1).max(128));

/** Renames, redescribes, or hands the group over (`ownerId`: another member). */
export const patchGroupSchema = z
  .object({ name: nameSchema.optional(), description: descriptionSchema.optional(), ownerId: idSchema.optional() })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: "names nothing to change" });
export type PatchGroupInput = z.infer<typeof patchGroupSchema>;

/** Adds the account with this email (better-auth keeps emails in lower case). */
export const addGroupMemberSchema = z
  .object({
    email: storedText()
      .transform((email) => email.trim().toLowerCase())
      .pipe(z.string().min(3).max(254).regex(/^[^\s@]+@[^\s@]+$/, "must be an email address")),
  })
  .strict();
export type AddGroupMemberInput = z.infer<typeof addGroupMemberSchema>;

export const createInviteSchema = z.object({ expiresInDays: z.number().int().min(1).max(MAX_INVITE_DAYS).optional() }).strict();
export type CreateInviteInput = z.infer<typeof createInviteSchema>;
