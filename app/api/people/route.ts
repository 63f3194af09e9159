import { z } from "zod";
import { requireViewer } from "@/lib/auth/session";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { parseQuery } from "@/lib/http/validate";
import { mentionCandidates } from "@/lib/services/notifications";

const querySchema = z.strictObject({ q: z.string().max(50).default(""), group: z.string().min(1).max(100).optional() });

/** GET /api/people?q=&group=: members to @mention (a group's, for a group note), by name; signed-in only. */
export async function GET(request: Request) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    const query = parseQuery(request, querySchema);
    return json(await mentionCandidates(viewer, { query: query.q, groupId: query.group }), { headers: { "cache-control": "private, no-store" } });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
