import { requireViewer } from "@/lib/auth/session";
import { createAnnotationSchema, encodeListCursor, listAnnotationsQuery } from "@/lib/domain/annotation";
import { conditionalJson } from "@/lib/http/conditional";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { etagOf, parseBody, parseIdempotencyKey, parseQuery } from "@/lib/http/validate";
import { createAnnotation, listBriefAnnotations } from "@/lib/services/annotations";
import { otherMethods } from "@/lib/http/method-not-allowed";

// Who is asking is checked before the input: a signed-out client learns nothing from validation.

/**
 * GET /api/annotations?brief=<slug>[&include=deleted][&limit=N[&after=…]]: the brief's annotations
 * the viewer may see, oldest first; with `limit` one page, the next linked (`Link: rel="next"`).
 * `Annotation-Log-Position` is where the brief's changes (`/api/briefs/<slug>/changes?since=`,
 * or its event stream) take up; a strong `ETag` answers a repeat with 304.
 */
export async function GET(request: Request) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    const query = parseQuery(request, listAnnotationsQuery);
    const list = await listBriefAnnotations(viewer, { brief: query.brief, includeDeleted: query.include === "deleted", limit: query.limit, after: query.after });
    const headers: Record<string, string> = { "cache-control": "private, no-cache", "annotation-log-position": String(list.position) };
    if (list.next) headers.link = `<${nextPageUrl(request, encodeListCursor(list.next))}>; rel="next"`;
    return conditionalJson(request, list.annotations, headers);
  });
}

/** The request's own URL with `after` moved on: the client keeps its other parameters. */
function nextPageUrl(request: Request, after: string): string {
  const url = new URL(request.url);
  url.searchParams.set("after", after);
  return `${url.pathname}${url.search}`;
}

/**
 * POST /api/annotations: makes an annotation or a reply; 201 with it. With `Idempotency-Key`, a
 * repeat of the same request answers with the annotation the first one made.
 */
export async function POST(request: Request) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const idempotencyKey = parseIdempotencyKey(request);
    const input = await parseBody(request, createAnnotationSchema);
    const { annotation, replayed } = await createAnnotation(viewer, input, { idempotencyKey });
    return json(annotation, {
      status: 201,
      headers: {
        etag: etagOf(annotation.version),
        location: `/api/annotations/${annotation.id}`,
        "cache-control": "private, no-store",
        // A retry answered with what the first request made (the name Stripe and others use).
        ...(replayed ? { "idempotent-replayed": "true" } : {}),
      },
    });
  });
}

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
