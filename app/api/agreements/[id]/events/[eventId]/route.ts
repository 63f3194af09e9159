import { requireEditor } from "@/lib/auth/session";
import { eventPatchSchema } from "@/lib/domain/agreement-data";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonRequestHeaders, etagOf, parseBody, parseIfMatch } from "@/lib/http/validate";
import { deleteAgreementEvent, updateAgreementEvent } from "@/lib/services/knowledge-editing";

type Context = RouteContext<"/api/agreements/[id]/events/[eventId]">;

/** PATCH /api/agreements/<id>/events/<eventId>: an editor corrects an event (If-Match honoured). */
export async function PATCH(request: Request, context: Context) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonRequestHeaders(request);
    const viewer = await requireEditor(request, "curate the knowledge base");
    const patch = await parseBody(request, eventPatchSchema);
    const { id, eventId } = await context.params;
    const event = await updateAgreementEvent(viewer, id, eventId, patch, parseIfMatch(request));
    return json(event, { headers: { etag: etagOf(event.version ?? 1), "cache-control": "private, no-store" } });
  });
}

/** DELETE /api/agreements/<id>/events/<eventId>: an editor removes an event (kept in the history); 200 with it. */
export async function DELETE(request: Request, context: Context) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonRequestHeaders(request);
    const viewer = await requireEditor(request, "curate the knowledge base");
    const { id, eventId } = await context.params;
    return json(await deleteAgreementEvent(viewer, id, eventId, parseIfMatch(request)), { headers: { "cache-control": "private, no-store" } });
  });
}

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
