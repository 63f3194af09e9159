/**
 * The W3C Web Annotation Protocol container, `/annotations/` (the trailing slash is part of its
 * IRI; next.config.js keeps it and sends `/annotations` here), and its pages (`?page=<n>`).
 * See docs/api.md, "W3C Web Annotation Protocol".
 */
import { requireViewer } from "@/lib/auth/session";
import { containerQuerySchema, DEFAULT_PAGE_SIZE } from "@/lib/w3c/annotation-container";
import { jsonObjectSchema } from "@/lib/w3c/foreign-annotation";
import {
  ANNOTATION_LINK,
  CONTAINER_LINK,
  handleProtocol,
  methodNotAllowed,
  negotiate,
  optionsResponse,
  pageLinks,
  representation,
  WRITE_TYPES,
} from "@/lib/http/annotation-protocol";
import { publicOrigin } from "@/lib/http/origin";
import { containerPreference } from "@/lib/http/prefer";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { etagOf, parseJsonBody, parseQuery } from "@/lib/http/validate";
import { containerPage, createWebAnnotation, describeContainer } from "@/lib/services/annotation-protocol";

const isPage = (request: Request) => new URL(request.url).searchParams.has("page");

/** `/annotations` is the container without its slash: 308 (which keeps a POST a POST) to the real IRI. */
function slashRedirect(request: Request): Response | null {
  const url = new URL(request.url);
  if (url.pathname.endsWith("/")) return null;
  return new Response(null, { status: 308, headers: { location: `${url.pathname}/${url.search}` } });
}

/** GET (and HEAD) /annotations/[?brief=&iris=&limit=][&page=]: the container, or one of its pages. */
export async function GET(request: Request) {
  const redirect = slashRedirect(request);
  if (redirect) return redirect;
  const page = isPage(request);
  return handleProtocol(page ? "page" : "container", async () => {
    const viewer = await requireViewer(request);
    const type = negotiate(request);
    const query = parseQuery(request, containerQuerySchema);
    const root = publicOrigin(request);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (query.page !== undefined) {
      // A page follows the view in its IRI; the protocol asks clients not to send Prefer here.
      const view = { brief: query.brief, iris: query.iris === "1", limit };
      const body = await containerPage(viewer, { root, view, page: query.page });
      return representation(request, { resource: "page", body, type, headers: pageLinks(body) });
    }
    const prefer = containerPreference(request.headers.get("prefer"));
    const iris = prefer.contained ? prefer.contained === "iris" : query.iris === "1";
    const view = { brief: query.brief, iris, limit };
    const body = await describeContainer(viewer, { root, view, embedFirst: !prefer.minimal });
    // The IRI of the view served (5.2: it MUST be in Content-Location when it is not the one asked for).
    const headers: Record<string, string> = { "content-location": body.id };
    if (prefer.applied) headers["preference-applied"] = prefer.applied;
    return representation(request, { resource: "container", body, type, headers });
  });
}

export const HEAD = GET;

export async function OPTIONS(request: Request) {
  const redirect = slashRedirect(request);
  if (redirect) return redirect;
  return optionsResponse(isPage(request) ? "page" : "container");
}

/** POST /annotations/: makes an annotation from a W3C one; 201 with it, its IRI in Location. */
export async function POST(request: Request) {
  const redirect = slashRedirect(request);
  if (redirect) return redirect;
  if (isPage(request)) return methodNotAllowed("page")();
  return handleProtocol("container", async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const type = negotiate(request);
    const query = parseQuery(request, containerQuerySchema);
    const input = await parseJsonBody(request, jsonObjectSchema, { types: WRITE_TYPES });
    const created = await createWebAnnotation(viewer, input, { root: publicOrigin(request), brief: query.brief });
    return representation(request, {
      resource: "annotation",
      body: created.annotation,
      type,
      status: 201,
      etag: etagOf(created.version),
      // The new annotation's own links, and the constraints the container created it under.
      headers: { location: created.iri, link: `${ANNOTATION_LINK}, ${CONTAINER_LINK.split(", ")[1]}` },
    });
  });
}

/** The container cannot be replaced or deleted through the protocol. */
async function notAllowedOnContainer(request: Request) {
  const redirect = slashRedirect(request);
  if (redirect) return redirect;
  return methodNotAllowed(isPage(request) ? "page" : "container")();
}
export const PUT = notAllowedOnContainer;
export const DELETE = notAllowedOnContainer;
export const PATCH = notAllowedOnContainer;
