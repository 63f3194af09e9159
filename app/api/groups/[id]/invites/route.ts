import { requireViewer } from "@/lib/auth/session";
import { createInviteSchema } from "@/lib/domain/group";
import { publicOrigin } from "@/lib/http/origin";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody, parseBody } from "@/lib/http/validate";
import { createInvite, revokeInvites } from "@/lib/services/groups";
import { otherMethods } from "@/lib/http/method-not-allowed";

const NO_STORE = { "cache-control": "private, no-store" };

/** POST /api/groups/<id>/invites `{ expiresInDays? }` (owner only): 201 `{ url, expiresAt }`, the link shown once. */
export async function POST(request: Request, context: RouteContext<"/api/groups/[id]/invites">) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const { id } = await context.params;
    const hasBody = Number(request.headers.get("content-length") ?? "0") > 0 || request.headers.has("transfer-encoding");
    const input = hasBody ? await parseBody(request, createInviteSchema) : (assertJsonOrNoBody(request), {});
    return json(await createInvite(viewer, id, input, publicOrigin(request)), { status: 201, headers: NO_STORE });
  });
}

/** DELETE /api/groups/<id>/invites (owner only): revokes every invite link of the group; 204. */
export async function DELETE(request: Request, context: RouteContext<"/api/groups/[id]/invites">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonOrNoBody(request);
    const viewer = await requireViewer(request);
    const { id } = await context.params;
    await revokeInvites(viewer, id);
    return new Response(null, { status: 204, headers: NO_STORE });
  });
}

export const { GET, PUT, PATCH } = otherMethods("POST", "DELETE");
