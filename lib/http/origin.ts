/**
 * The origin clients reach the app at, for IRIs they can dereference (the annotation container
 * names every annotation by an absolute IRI). The `Host` the request was sent to, and the
 * scheme a proxy in front says with `X-Forwarded-Proto`, as the session cookies do.
 */
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

export function publicOrigin(request: Request): string {
  const url = new URL(request.url);
  const claimed = request.headers.get("host") ?? "";
  const host = HOST.test(claimed) ? claimed.toLowerCase() : url.host;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : url.protocol.replace(/:$/, "");
  return `${scheme}://${host}`;
}
