/** One annotation of the W3C protocol container: `/annotations/<id>`. See docs/api.md. */
import { requireViewer } from "@/lib/auth/session";
import { jsonObjectSchema } from "@/lib/w3c/foreign-annotation";
import { handleProtocol, methodNotAllowed, negotiate, optionsResponse, representation, resourceHeaders, WRITE_TYPES } from "@/lib/http/annotation-protocol";
import { publicOrigin } from "@/lib/http/origin";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody, etagOf, parseIfMatch, parseJsonBody } from "@/lib/http/validate";
import { deleteWebAnnotation, getWebAnnotation, replaceWebAnnotation } from "@/lib/services/annotation-protocol";

type Context = RouteContext<"/annotations/[id]">;

/** GET (and HEAD): the annotation as JSON-LD, its version as a strong ETag. */
export async function GET(request: Request, context: Context) {
  return handleProtocol("annotation", async () => {
    const viewer = await requireViewer(request);
    const type = negotiate(request);
    const { id } = await context.params;
    const { annotation, version } = await getWebAnnotation(viewer, id, publicOrigin(request));
    return representation(request, { resource: "annotation", body: annotation, type, etag: etagOf(version) });
  });
}

export const HEAD = GET;

export async function OPTIONS() {
  return optionsResponse("annotation");
}

/** PUT (If-Match honoured): replaces the annotation's state; 200 with the new state and ETag. */
export async function PUT(request: Request, context: Context) {
  return handleProtocol("annotation", async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const type = negotiate(request);
    const { id } = await context.params;
    const input = await parseJsonBody(request, jsonObjectSchema, { types: WRITE_TYPES });
    const { annotation, version } = await replaceWebAnnotation(viewer, id, input, { root: publicOrigin(request), precondition: parseIfMatch(request) });
    return representation(request, { resource: "annotation", body: annotation, type, etag: etagOf(version) });
  });
}

/** DELETE (If-Match honoured; no body, or a JSON one, ignored): soft-deletes it, as the app does; 204. */
export async function DELETE(request: Request, context: Context) {
  return handleProtocol("annotation", async () => {
    assertSameOrigin(request);
    // Who is asking before what they sent: a signed-out DELETE is a 401 whatever its Content-Type.
    const viewer = await requireViewer(request);
    assertJsonOrNoBody(request, WRITE_TYPES);
    const { id } = await context.params;
    await deleteWebAnnotation(viewer, id, parseIfMatch(request));
    return new Response(null, { status: 204, headers: resourceHeaders("annotation") });
  });
}

export const POST = methodNotAllowed("annotation");
export const PATCH = methodNotAllowed("annotation");
