import { requireSessionViewer } from "@/lib/auth/session";
import { handle } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody } from "@/lib/http/validate";
import { revokeApiToken } from "@/lib/services/api-tokens";
import { otherMethods } from "@/lib/http/method-not-allowed";

/** DELETE /api/account/tokens/<id>: revokes it at once; 204. */
export async function DELETE(request: Request, context: RouteContext<"/api/account/tokens/[id]">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonOrNoBody(request);
    const viewer = await requireSessionViewer(request);
    const { id } = await context.params;
    await revokeApiToken(viewer, id);
    return new Response(null, { status: 204, headers: { "cache-control": "private, no-store" } });
  });
}

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
