import { requireEditor } from "@/lib/auth/session";
import { newEntitySchema } from "@/lib/domain/entity";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonRequestHeaders, etagOf, parseBody } from "@/lib/http/validate";
import { listEntities } from "@/lib/services/entities";
import { createEntity } from "@/lib/services/knowledge-editing";

/** GET /api/entities: every entity (countries, agreement kinds and records, frameworks, concepts …). */
export async function GET() {
  return handle(async () => json(await listEntities()));
}

/** POST /api/entities: an editor adds an entity (the shape of content/entities/*.json; `id` optional); 201 with it. */
export async function POST(request: Request) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonRequestHeaders(request);
    const viewer = await requireEditor(request, "curate the knowledge base");
    const input = await parseBody(request, newEntitySchema);
    const { entity, version } = await createEntity(viewer, input);
    return json(entity, { status: 201, headers: { etag: etagOf(version), location: `/api/entities/${entity.id}`, "cache-control": "private, no-store" } });
  });
}

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
