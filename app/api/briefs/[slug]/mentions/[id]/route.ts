import { requireEditor } from "@/lib/auth/session";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonRequestHeaders } from "@/lib/http/validate";
import { deleteCuratedMention } from "@/lib/services/curated-mentions";

/** DELETE /api/briefs/<slug>/mentions/<id>: an editor removes a curated mention or suppression; 200 with it. */
export async function DELETE(request: Request, context: RouteContext<"/api/briefs/[slug]/mentions/[id]">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonRequestHeaders(request);
    const viewer = await requireEditor(request, "curate the knowledge base");
    const { slug, id } = await context.params;
    return json(await deleteCuratedMention(viewer, slug, id), { headers: { "cache-control": "private, no-store" } });
  });
}

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
