/** Headers for answers that are files to save: the origin of a request, and `Content-Disposition`. */
import { publicOrigin } from "./origin";

/** The origin the client addressed, for the absolute IRIs and links of what is answered (origin.ts). */
export function requestOrigin(request: Request): string {
  return publicOrigin(request);
}

/** `attachment` with the file name, plainly for old clients and RFC 8187-encoded for the rest. */
export function attachment(filename: string): string {
  const plain = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
