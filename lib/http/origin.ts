/**
 * The origin a request was sent to — scheme, host and port — for IRIs clients can dereference
 * (the annotation container names every annotation by an absolute IRI), links in exports, and
 * the cross-site check (same-origin.ts). scripts/serve.mjs settles `X-Forwarded-Proto` and
 * `X-Forwarded-Host` before the app sees them: from the socket and the `Host` header, or from a
 * proxy that `TRUST_PROXY` names, never from a client's own claim. Pure.
 */
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

export function publicOrigin(request: Request): string {
  const url = new URL(request.url);
  const forwardedHost = request.headers.get("x-forwarded-host")?.trim() ?? "";
  const claimed = request.headers.get("host")?.trim() ?? "";
  const host = HOST.test(forwardedHost) ? forwardedHost : HOST.test(claimed) ? claimed : url.host;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : url.protocol.replace(/:$/, "");
  // Through URL, so that a default port (`:80` over http) is written the way browsers write it.
  return new URL(`${scheme}://${host.toLowerCase()}`).origin;
}
