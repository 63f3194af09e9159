import { requireEditor } from "@/lib/auth/session";
import { mergeEntitySchema } from "@/lib/domain/entity";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonRequestHeaders, etagOf, parseBody } from "@/lib/http/validate";
import { mergeEntity } from "@/lib/services/knowledge-editing";

/** POST /api/entities/<id>/merge `{ into }`: an editor merges the entity into another; answers with the survivor. */
export async function POST(request: Request, context: RouteContext<"/api/entities/[id]/merge">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonRequestHeaders(request);
    const viewer = await requireEditor(request, "curate the knowledge base");
    const { into } = await parseBody(request, mergeEntitySchema);
    const { entity, version } = await mergeEntity(viewer, (await context.params).id, into);
    return json(entity, { headers: { etag: etagOf(version), "cache-control": "private, no-store" } });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
