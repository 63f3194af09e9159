/** Headers for answers that are files to save: the origin of a request, and `Content-Disposition`. */

/**
 * The origin the client addressed, for the absolute IRIs and links of what is answered. From the
 * Host header (Next builds `request.url` on its own listening name, which a client may not
 * use), with the scheme a proxy in front says it received, if any.
 */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("host");
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0].trim();
  const scheme = forwarded === "http" || forwarded === "https" ? forwarded : url.protocol.replace(":", "");
  if (!host || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return url.origin;
  return `${scheme}://${host}`;
}

/** `attachment` with the file name, plainly for old clients and RFC 8187-encoded for the rest. */
export function attachment(filename: string): string {
  const plain = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
