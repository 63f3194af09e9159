/** Headers for answers that are files to save: `Content-Disposition`. */

/** `attachment` with the file name, plainly for old clients and RFC 8187-encoded for the rest. */
export function attachment(filename: string): string {
  const plain = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
