/**
 * HTTP for the W3C Web Annotation Protocol (https://www.w3.org/TR/annotation-protocol/): the
 * headers every container, page and annotation response carries, content negotiation, strong
 * ETags of representations and conditional GETs. The route files use these and nothing else.
 */
import { AppError } from "@/lib/domain/errors";
import { ANNO_MEDIA_TYPE } from "@/lib/w3c/web-annotation";
import { type JsonMediaType, negotiateJson } from "./negotiate";
import { contentEtag, notModified } from "./conditional";
import { errorResponse } from "./respond";

export const CONTAINER_ALLOW = "GET, HEAD, OPTIONS, POST";
export const PAGE_ALLOW = "GET, HEAD, OPTIONS";
export const ANNOTATION_ALLOW = "GET, HEAD, OPTIONS, PUT, DELETE";
/** The bodies POST and PUT take (`Accept-Post`, and what a 415 names). */
export const WRITE_TYPES = ["application/ld+json", "application/json"] as const;
export const ACCEPT_POST = `${ANNO_MEDIA_TYPE}, application/json`;

// 5.1: a container advertises its LDP type and the protocol's constraints; 4: an annotation is an
// ldp:Resource. (4 also allows `<…oa#Annotation>; rel="type"`; it is left out because the W3C's
// own test of this MUST compares the whole header with the ldp:Resource link.)
export const CONTAINER_LINK =
  '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", <http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"';
export const ANNOTATION_LINK = '<http://www.w3.org/ns/ldp#Resource>; rel="type"';

/**
 * Annotation clients on other origins (the protocol's reason for OPTIONS) may call with a
 * personal API token. `*` never lets a browser send cookies cross-site, so a session can only be
 * used from the app's own pages; writes with a cookie are checked for their origin as well.
 */
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "ETag, Link, Location, Allow, Accept-Post, Content-Location, Preference-Applied, Vary",
} as const;

export type ProtocolResource = "container" | "page" | "annotation";

/**
 * The headers every response of a resource carries, errors included. `Vary` names what the
 * answer varies on and nothing else: Next adds its router's request headers to every route's
 * answer, and instrumentation.ts takes them off the protocol's (lib/http/vary.ts).
 */
export function resourceHeaders(resource: ProtocolResource): Headers {
  const headers = new Headers({ ...CORS, "cache-control": "private, no-store" });
  if (resource === "annotation") {
    headers.set("link", ANNOTATION_LINK);
    headers.set("allow", ANNOTATION_ALLOW);
    headers.set("vary", "Accept");
  } else if (resource === "container") {
    headers.set("link", CONTAINER_LINK);
    headers.set("allow", CONTAINER_ALLOW);
    headers.set("accept-post", ACCEPT_POST);
    headers.set("vary", "Accept, Prefer");
  } else {
    // A page follows its IRI and ignores Prefer (the protocol asks clients not to send it there).
    headers.set("allow", PAGE_ALLOW);
    headers.set("vary", "Accept");
  }
  return headers;
}

/** A page's `next` and `prev` as a Link header (RFC 8288), beside the same links in its body. */
export function pageLinks(page: { next?: string; prev?: string }): Record<string, string> {
  const links = [page.prev ? `<${page.prev}>; rel="prev"` : null, page.next ? `<${page.next}>; rel="next"` : null].filter(Boolean);
  return links.length > 0 ? { link: links.join(", ") } : {};
}

/** The OPTIONS answer: what may be done here, and a CORS preflight's consent. */
export function optionsResponse(resource: ProtocolResource): Response {
  const headers = resourceHeaders(resource);
  headers.set("access-control-allow-methods", headers.get("allow") as string);
  headers.set("access-control-allow-headers", "Authorization, Content-Type, Accept, Prefer, If-Match, If-None-Match, Slug");
  headers.set("access-control-max-age", "600");
  // 200 rather than 204: the W3C test suite checks for it, and either is correct HTTP.
  return new Response(null, { status: 200, headers });
}

/** The media type a request accepts, or a 406 error. */
export function negotiate(request: Request): JsonMediaType {
  const type = negotiateJson(request.headers.get("accept"));
  if (!type) throw new AppError("not_acceptable", `This resource is served as ${ANNO_MEDIA_TYPE} or application/json`, "accept");
  return type;
}

/** The Content-Type header for a negotiated type (JSON-LD always with the annotation profile). */
export function contentTypeOf(type: JsonMediaType): string {
  return type === "application/ld+json" ? ANNO_MEDIA_TYPE : "application/json";
}

/**
 * A representation as a response: 200 with the body (none for HEAD), or 304 when the client
 * already has it. `etag` defaults to a hash of the body.
 */
export function representation(
  request: Request,
  options: { resource: ProtocolResource; body: unknown; type: JsonMediaType; status?: number; etag?: string; headers?: Record<string, string> },
): Response {
  const text = JSON.stringify(options.body);
  const etag = options.etag ?? contentEtag(text, options.type);
  const headers = resourceHeaders(options.resource);
  headers.set("etag", etag);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  const status = options.status ?? 200;
  if (status === 200 && (request.method === "GET" || request.method === "HEAD") && notModified(request, etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("content-type", contentTypeOf(options.type));
  headers.set("content-length", String(Buffer.byteLength(text)));
  return new Response(request.method === "HEAD" ? null : text, { status, headers });
}

/** Runs a handler, answering its errors as JSON with the resource's headers kept. */
export async function handleProtocol(resource: ProtocolResource, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    const response = errorResponse(error);
    const headers = resourceHeaders(resource);
    headers.forEach((value, name) => {
      if (!response.headers.has(name)) response.headers.set(name, value);
    });
    return response;
  }
}

/** 405 for a method the resource does not take, naming the ones it does. */
export function methodNotAllowed(resource: ProtocolResource): () => Promise<Response> {
  return () =>
    handleProtocol(resource, async () => {
      const allowed = resourceHeaders(resource).get("allow");
      throw new AppError("method_not_allowed", `Use one of ${allowed} here`, "method");
    });
}
