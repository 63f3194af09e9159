/**
 * Conditional GETs (RFC 9110 13): strong ETags made from a representation's bytes, and the
 * `If-None-Match` check that answers 304. The W3C container and the notes list use these.
 */
import { createHash } from "node:crypto";

/** A strong ETag of a representation: its bytes, and what tells two representations apart (its type). */
export function contentEtag(body: string, type: string): string {
  return `"${createHash("sha256").update(type).update("\n").update(body).digest("base64url").slice(0, 27)}"`;
}

/** True when `If-None-Match` names this ETag (or `*`): a GET is then answered 304. */
export function notModified(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (header === null) return false;
  if (header.trim() === "*") return true;
  // Weak comparison, as RFC 9110 13.1.2 asks for If-None-Match.
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}

/**
 * JSON with a strong ETag of its bytes: 200 with the body (none for HEAD), or 304 (headers only)
 * when the client already has it.
 */
export function conditionalJson(request: Request, body: unknown, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const etag = contentEtag(text, "application/json");
  const all = new Headers({ ...headers, etag });
  if ((request.method === "GET" || request.method === "HEAD") && notModified(request, etag)) return new Response(null, { status: 304, headers: all });
  all.set("content-type", "application/json");
  all.set("content-length", String(Buffer.byteLength(text)));
  return new Response(request.method === "HEAD" ? null : text, { status: 200, headers: all });
}
