import { requireEditor } from "@/lib/auth/session";
import { mentionInputSchema } from "@/lib/domain/knowledge";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonRequestHeaders, parseBody } from "@/lib/http/validate";
import { addCuratedMention } from "@/lib/services/curated-mentions";

/**
 * POST /api/briefs/<slug>/mentions `{ blockId, start, end, entityId }`: an editor links a span
 * (code points into the block's text) to an entity, or (`entityId: null`) says it mentions nothing; 201.
 */
export async function POST(request: Request, context: RouteContext<"/api/briefs/[slug]/mentions">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonRequestHeaders(request);
    const viewer = await requireEditor(request, "curate the knowledge base");
    const input = await parseBody(request, mentionInputSchema);
    const { slug } = await context.params;
    const mention = await addCuratedMention(viewer, slug, input);
    return json(mention, { status: 201, headers: { location: `/api/briefs/${slug}/mentions/${mention.id}`, "cache-control": "private, no-store" } });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
