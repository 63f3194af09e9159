import { requireEditor } from "@/lib/auth/session";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonRequestHeaders } from "@/lib/http/validate";
import { revertChange } from "@/lib/services/knowledge-editing";

/** POST /api/knowledge/changes/<id>/revert: an editor undoes a change of the history (recorded as a change); 201 with it. */
export async function POST(request: Request, context: RouteContext<"/api/knowledge/changes/[id]/revert">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonRequestHeaders(request);
    const viewer = await requireEditor(request, "curate the knowledge base");
    return json(await revertChange(viewer, (await context.params).id), { status: 201, headers: { "cache-control": "private, no-store" } });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
