import { requireEditor } from "@/lib/auth/session";
import { entityPatchSchema } from "@/lib/domain/entity";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonRequestHeaders, etagOf, parseBody, parseIfMatch } from "@/lib/http/validate";
import { getEntityWithMentions } from "@/lib/services/entities";
import { updateEntity } from "@/lib/services/knowledge-editing";

type Context = RouteContext<"/api/entities/[id]">;

/** GET /api/entities/<id>: the entity and every block that mentions it, by brief and section; its version as ETag. */
export async function GET(_request: Request, context: Context) {
  return handle(async () => {
    const answer = await getEntityWithMentions((await context.params).id);
    return json(answer, { headers: answer.version === null ? {} : { etag: etagOf(answer.version) } });
  });
}

/** PATCH /api/entities/<id> (If-Match required): an editor changes the fields given. */
export async function PATCH(request: Request, context: Context) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonRequestHeaders(request);
    const viewer = await requireEditor(request, "curate the knowledge base");
    const patch = await parseBody(request, entityPatchSchema);
    const { entity, version } = await updateEntity(viewer, (await context.params).id, patch, parseIfMatch(request));
    return json(entity, { headers: { etag: etagOf(version), "cache-control": "private, no-store" } });
  });
}

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
