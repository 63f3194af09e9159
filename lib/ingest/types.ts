/** What every converter of an uploaded brief returns, and the one error type they throw. */

export type IngestFormat = "brief" | "markdown" | "docx" | "pdf";

/** A recoverable problem of a converted brief: a located warning, never a crash. */
export interface IngestProblem {
  /** 1-based line of `ConvertedBrief.source`. */
  line?: number;
  /** 1-based page of the uploaded PDF. */
  page?: number;
  message: string;
  rule: string;
}

/** Text the converter left out of the brief (running headers, page numbers, a table of contents). */
export interface Furniture {
  page: number;
  text: string;
  where: "header" | "footer" | "page-number" | "contents";
}

export interface IngestMetadata {
  title?: string;
  author?: string;
  affiliation?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  published?: string;
  /** A BCP 47 tag such as `ko`. */
  language?: string;
  sourceUrl?: string;
}

/** An uploaded file turned into the brief format, with what was learnt on the way. */
export interface ConvertedBrief {
  format: IngestFormat;
  /** NFC text in the brief format; parses with `parseBrief`; each unit on one line. */
  source: string;
  metadata: IngestMetadata;
  /** PDF only: for each line of `source` (index = line − 1), the 1-based page where that unit starts. */
  pages: (number | null)[] | null;
  furniture: Furniture[];
  problems: IngestProblem[];
}

export type IngestErrorCode =
  | "empty-file"
  | "too-large"
  | "unsupported-type"
  | "corrupt"
  | "encrypted"
  | "no-text-layer"
  | "zip-bomb"
  | "no-content"
  | "timeout"
  | "out-of-memory";

/** A file that cannot be converted. The code is stable (the UI translates it); the message is English. */
export class IngestError extends Error {
  constructor(
    public code: IngestErrorCode,
    message: string,
    public detail?: { page?: number; limit?: number },
  ) {
    super(message);
    this.name = "IngestError";
  }
}

/** Type guard that also works for errors rebuilt from a worker's message (no shared prototype). */
export function isIngestError(error: unknown): error is IngestError {
  return error instanceof IngestError || (error instanceof Error && error.name === "IngestError" && typeof (error as IngestError).code === "string");
}

/** Options every converter accepts. */
export interface ConvertOptions {
  /** The uploaded file's name: a hint for sniffing and a fallback title. */
  filename?: string;
  /** The media type the client declared: a hint for sniffing only. */
  mediaType?: string;
  /** Refuse larger uploads with "too-large" (default 50 MB). */
  maxBytes?: number;
  /** Refuse PDFs with more pages with "too-large" (default 500). */
  maxPages?: number;
}
