/**
 * The origin clients reach the app at — scheme, host and port — for IRIs they can dereference
 * (the annotation container names every annotation by an absolute IRI), links in exports and
 * Markdown files, and the cross-site check (same-origin.ts). With `PUBLIC_ORIGIN` set
 * (`https://reader.example.org`), always that one, so IRIs stay the same whatever `Host` a client
 * used. Without it, the origin the request was sent to: scripts/serve.mjs settles
 * `X-Forwarded-Proto` and `X-Forwarded-Host` before the app sees them, from the socket and the
 * `Host` header, or from a proxy that `TRUST_PROXY` names, never from a client's own claim. Pure.
 */
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** The configured public origin (scheme, host and port only), or null when unset or not an http(s) URL. */
export function configuredOrigin(value: string | undefined = process.env.PUBLIC_ORIGIN): string | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** The public origin of this request: `PUBLIC_ORIGIN`, else the one the client addressed. */
export function publicOrigin(request: Request, configured: string | null = configuredOrigin()): string {
  if (configured) return configured;
  const url = new URL(request.url);
  const forwardedHost = request.headers.get("x-forwarded-host")?.trim() ?? "";
  const claimed = request.headers.get("host")?.trim() ?? "";
  const host = HOST.test(forwardedHost) ? forwardedHost : HOST.test(claimed) ? claimed : url.host;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : url.protocol.replace(/:$/, "");
  // Through URL, so that a default port (`:80` over http) is written the way browsers write it.
  return new URL(`${scheme}://${host.toLowerCase()}`).origin;
}
