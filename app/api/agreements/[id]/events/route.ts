import { requireEditor } from "@/lib/auth/session";
import { eventInputSchema } from "@/lib/domain/agreement-data";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonRequestHeaders, etagOf, parseBody, parseIfMatch } from "@/lib/http/validate";
import { addAgreementEvent } from "@/lib/services/knowledge-editing";

/** POST /api/agreements/<id>/events: an editor adds an event (basis reference, editor or brief); 201 with it. */
export async function POST(request: Request, context: RouteContext<"/api/agreements/[id]/events">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonRequestHeaders(request);
    const viewer = await requireEditor(request, "curate the knowledge base");
    const input = await parseBody(request, eventInputSchema);
    const { id } = await context.params;
    const event = await addAgreementEvent(viewer, id, input, parseIfMatch(request));
    return json(event, { status: 201, headers: { etag: etagOf(event.version ?? 1), location: `/api/agreements/${id}/events/${event.id}`, "cache-control": "private, no-store" } });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
