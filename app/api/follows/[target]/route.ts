import { requireViewer, viewerOf } from "@/lib/auth/session";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody } from "@/lib/http/validate";
import { follow, getFollow, unfollow } from "@/lib/services/notifications";

const NO_STORE = { "cache-control": "private, no-store" };

/** GET /api/follows/<entity or record id>: `{ target, following, followers }` (following is false signed out). */
export async function GET(request: Request, context: RouteContext<"/api/follows/[target]">) {
  return handle(async () => {
    const viewer = await viewerOf(request);
    const { target } = await context.params;
    return json(await getFollow(viewer, target), { headers: NO_STORE });
  });
}

/** PUT /api/follows/<id>: the viewer follows that entity or record (notes written on it notify them). */
export async function PUT(request: Request, context: RouteContext<"/api/follows/[target]">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonOrNoBody(request);
    const viewer = await requireViewer(request);
    const { target } = await context.params;
    return json(await follow(viewer, target), { headers: NO_STORE });
  });
}

/** DELETE /api/follows/<id>: stops following it. */
export async function DELETE(request: Request, context: RouteContext<"/api/follows/[target]">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonOrNoBody(request);
    const viewer = await requireViewer(request);
    const { target } = await context.params;
    return json(await unfollow(viewer, target), { headers: NO_STORE });
  });
}

export const { POST, PATCH } = otherMethods("GET", "PUT", "DELETE");
