import { requireViewer } from "@/lib/auth/session";
import { addGroupMemberSchema } from "@/lib/domain/group";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { parseBody } from "@/lib/http/validate";
import { addMemberByEmail } from "@/lib/services/groups";
import { otherMethods } from "@/lib/http/method-not-allowed";

/**
 * POST /api/groups/<id>/members `{ email }` (owner only): adds the account with that address;
 * 201 with the group when added, 200 when it was a member already, 404 when no account has it.
 */
export async function POST(request: Request, context: RouteContext<"/api/groups/[id]/members">) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const { id } = await context.params;
    const input = await parseBody(request, addGroupMemberSchema);
    const { group, added } = await addMemberByEmail(viewer, id, input);
    return json(group, { status: added ? 201 : 200, headers: { "cache-control": "private, no-store" } });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
