/** One entry point for an upload: sniff the format, run its converter. Run it through `isolated.ts` on a server. */
import { convertBriefText } from "./brief-text";
import { convertDocx } from "./docx";
import { convertMarkdown } from "./markdown";
import { convertPdf } from "./pdf";
import { sniffFormat } from "./sniff";
import type { ConvertedBrief, ConvertOptions } from "./types";

/** Bytes of an uploaded brief (PDF, DOCX, Markdown or brief text) → the brief format with metadata and problems. */
export async function convertUpload(bytes: Uint8Array, options: ConvertOptions = {}): Promise<ConvertedBrief> {
  const format = sniffFormat(bytes, options);
  switch (format) {
    case "pdf":
      return convertPdf(bytes, options);
    case "docx":
      return convertDocx(bytes);
    case "markdown":
      return convertMarkdown(bytes);
    case "brief":
      return convertBriefText(bytes);
  }
}
