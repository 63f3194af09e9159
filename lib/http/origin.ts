/**
 * The origin clients reach the app at, for IRIs they can dereference (the annotation container
 * names every annotation by an absolute IRI; exports and Markdown files link back). With
 * `PUBLIC_ORIGIN` set (`https://reader.example.org`), always that one, so IRIs stay the same
 * whatever `Host` a client used; without it, the `Host` the request was sent to, and the scheme a
 * proxy in front says with `X-Forwarded-Proto`, as the session cookies do.
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
  const claimed = request.headers.get("host") ?? "";
  const host = HOST.test(claimed) ? claimed.toLowerCase() : url.host;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : url.protocol.replace(/:$/, "");
  return `${scheme}://${host}`;
}
