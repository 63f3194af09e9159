import { requireViewer } from "@/lib/auth/session";
import { handle } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody } from "@/lib/http/validate";
import { removeMember } from "@/lib/services/groups";
import { otherMethods } from "@/lib/http/method-not-allowed";

/**
 * DELETE /api/groups/<id>/members/<userId>: the owner removes a member, or a member leaves (their
 * own id); 204. From the next request on they see none of the group's notes but their own.
 */
export async function DELETE(request: Request, context: RouteContext<"/api/groups/[id]/members/[userId]">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonOrNoBody(request);
    const viewer = await requireViewer(request);
    const { id, userId } = await context.params;
    await removeMember(viewer, id, userId);
    return new Response(null, { status: 204, headers: { "cache-control": "private, no-store" } });
  });
}

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
