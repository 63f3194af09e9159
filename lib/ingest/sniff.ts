/** Which converter an upload needs, decided by its bytes; the file name and media type only break ties. */
import { decodeUtf8 } from "./text";
import { IngestError, type IngestFormat } from "./types";
import { looksLikeZip } from "./zip";

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export interface SniffHints {
  filename?: string;
  mediaType?: string;
  maxBytes?: number;
}

// A brief-format line: a section heading or a claim, at the start of a line.
const BRIEF_LINE = /^[ \t]*[■❍]/mu;

/**
 * Detects the format: `%PDF-` (within the first kilobyte, as readers allow) → pdf; a ZIP with
 * `word/document.xml` → docx; valid UTF-8 → the brief format when it has `■`/`❍` lines, else
 * Markdown (a `.md` name or `text/markdown` type wins over the marker test). Throws IngestError:
 * empty-file, too-large, unsupported-type.
 */
export function sniffFormat(bytes: Uint8Array, hints: SniffHints = {}): IngestFormat {
  const maxBytes = hints.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new IngestError("empty-file", "The file is empty");
  if (bytes.length > maxBytes) throw new IngestError("too-large", `The file is larger than ${maxBytes} bytes`, { limit: maxBytes });
  // Readers accept the PDF header anywhere in the first kilobyte; a text that merely mentions
  // `%PDF-` there is still text (a real PDF has binary bytes that are not valid UTF-8).
  const at = new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).indexOf("%PDF-");
  if (at === 0 || (at > 0 && decodeUtf8(bytes) === null)) return "pdf";
  if (looksLikeZip(bytes)) {
    // The directory is near the end; the name also appears in the entry's local header.
    if (includesAscii(bytes, "word/document.xml")) return "docx";
    throw new IngestError("unsupported-type", "The ZIP archive is not a Word document");
  }
  const text = decodeUtf8(bytes);
  if (text === null || /[\u0000-\u0008\u000E-\u001F]/u.test(text.slice(0, 4096))) {
    throw new IngestError("unsupported-type", "The file is not a PDF, a Word document or UTF-8 text");
  }
  const name = hints.filename?.toLowerCase() ?? "";
  const type = hints.mediaType?.toLowerCase() ?? "";
  if (/\.(md|markdown)$/u.test(name) || type.startsWith("text/markdown")) return "markdown";
  return BRIEF_LINE.test(text) ? "brief" : "markdown";
}

function includesAscii(bytes: Uint8Array, needle: string): boolean {
  const first = needle.charCodeAt(0);
  outer: for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle.charCodeAt(k)) continue outer;
    return true;
  }
  return false;
}
