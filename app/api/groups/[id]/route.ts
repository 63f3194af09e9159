import { requireViewer } from "@/lib/auth/session";
import { patchGroupSchema } from "@/lib/domain/group";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody, parseBody } from "@/lib/http/validate";
import { deleteGroup, getGroup, updateGroup } from "@/lib/services/groups";
import { otherMethods } from "@/lib/http/method-not-allowed";

const NO_STORE = { "cache-control": "private, no-store" };

/** GET /api/groups/<id>: the group and its members, for its members (404 for anyone else). */
export async function GET(request: Request, context: RouteContext<"/api/groups/[id]">) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    const { id } = await context.params;
    return json(await getGroup(viewer, id), { headers: NO_STORE });
  });
}

/** PATCH /api/groups/<id> `{ name?, description?, ownerId? }` (owner only): changes it or hands it over. */
export async function PATCH(request: Request, context: RouteContext<"/api/groups/[id]">) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const { id } = await context.params;
    const input = await parseBody(request, patchGroupSchema);
    return json(await updateGroup(viewer, id, input), { headers: NO_STORE });
  });
}

/** DELETE /api/groups/<id> (owner only): 204; its notes become private to their authors. */
export async function DELETE(request: Request, context: RouteContext<"/api/groups/[id]">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonOrNoBody(request);
    const viewer = await requireViewer(request);
    const { id } = await context.params;
    await deleteGroup(viewer, id);
    return new Response(null, { status: 204, headers: NO_STORE });
  });
}

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
