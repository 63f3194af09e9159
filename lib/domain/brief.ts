import { z } from "zod";
import { partialDateSchema } from "./dates";

/**
 * An offset counted in Unicode code points into NFC-normalized text.
 * Every offset in the document model and the API uses this unit (never UTF-16),
 * so that a client in any language counts the same characters.
 */
export type CodePointOffset = number;

/** How one source line break was turned into the rejoined block text. */
export interface LineJoin {
  /** Where, in the block text, the join starts. */
  at: CodePointOffset;
  /** The exact source text the join replaced: usually "\n", with any blank lines or edge spaces. */
  source: string;
  /** What stands in the block text instead: " " where the break replaced a space, "" after `·` and similar. */
  text: string;
}

/**
 * Everything needed to give back the exact source of one unit (title line, heading, block),
 * beyond its text: the model is lossless by construction, and a test proves it.
 */
export interface SourceTrace {
  /** Source text between the previous unit and this one (a line break, blank lines). */
  before: string;
  /** The marker and the whitespace around it, e.g. "❍ " or "- ". */
  prefix: string;
  joins: LineJoin[];
  /** Whitespace after the text on its last line. */
  suffix: string;
  /** 1-based line and column of the unit's first character in the source. */
  line: number;
  column: number;
}

/** A line of the brief's header (title, byline, label) with its source trace. */
export interface HeaderLine {
  text: string;
  source: SourceTrace;
}

export type BlockKind = "claim" | "point";

/** A link from a span of block text to a structured entity (filled in by the linker). */
export interface Mention {
  entityId: string;
  start: CodePointOffset;
  end: CodePointOffset;
  surface: string;
  /** `linker`: found by the linker; `curated`: put there by an editor (who may also suppress the linker's). */
  source: "linker" | "curated";
  /** A curated mention's id (for `DELETE /api/briefs/<slug>/mentions/<id>`). */
  id?: string;
}

/** A claim (`❍`) or a supporting point (`-`). */
export interface Block {
  id: string;
  kind: BlockKind;
  /** For a point, its claim's id; null for claims (and for a point that stands before any claim). */
  parentId: string | null;
  /** The rejoined text without its marker. */
  text: string;
  mentions: Mention[];
  /** The page of the original (a converted PDF) on which the block starts; absent otherwise. */
  page?: number;
  source: SourceTrace;
}

/** A `■` section with its blocks in document order. */
export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  /** Null for the implicit section that holds blocks found before the first `■`. */
  source: SourceTrace | null;
}

/** The document model of one brief, as the unified pipeline yields it. */
export interface BriefDocument {
  title: HeaderLine | null;
  byline: HeaderLine | null;
  /** Header lines after the byline, such as `핵심요약`. */
  labels: HeaderLine[];
  sections: Section[];
  /** Source text after the last unit (a final newline, trailing blank lines). */
  after: string;
}

/** Metadata kept beside a brief's source text (`content/briefs/<slug>/brief.json`). */
export const briefMetadataSchema = z
  .object({
    title: z.string().min(1),
    author: z.string().min(1),
    affiliation: z.string().min(1),
    position: z.string().min(1).optional(),
    /** The line under the title, when it should read otherwise than the text's own byline. */
    byline: z.string().min(1).optional(),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, "a BCP 47 language tag such as ko"),
    publisher: z.string().min(1).optional(),
    published: partialDateSchema.optional(),
    /** Where the brief is published (its page), and its PDF where that is another address. */
    sourceUrl: z.url().optional(),
    pdfUrl: z.url().optional(),
  })
  .strict();

export type BriefMetadata = z.infer<typeof briefMetadataSchema>;

/** A slug names a brief in URLs, the API and the database. */
export const briefSlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens");

/** Counts a reader sees on the brief list. */
export interface BriefCounts {
  sections: number;
  claims: number;
  points: number;
}

/** A block as the document API and the reader see it: no source trace. */
export interface BlockView {
  id: string;
  kind: BlockKind;
  parentId: string | null;
  text: string;
  mentions: Mention[];
  /** The page of the original PDF on which the block starts, for briefs converted from one. */
  page?: number;
}

export interface SectionView {
  id: string;
  title: string;
  blocks: BlockView[];
}

/** A brief in the list of briefs. */
export interface BriefSummary {
  slug: string;
  title: string;
  byline: string;
  language: string;
  author: string;
  affiliation: string;
  /** SHA-256 of the NFC source text: changes whenever the text is revised. */
  revision: string;
  counts: BriefCounts;
}

/** A brief as the library lists it: the summary, where it comes from, and the notes on it. */
export interface LibraryEntry extends BriefSummary {
  status: "published" | "draft";
  /** A new version waits for publishing (editors see it). */
  hasDraft: boolean;
  /** The institute that published it: the publisher, else the author's affiliation. */
  institute: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD, as the brief says. */
  published: string | null;
  /** When it came into the library (ISO 8601). */
  added: string;
  format: "brief" | "markdown" | "docx" | "pdf";
  sourceUrl: string | null;
  pdfUrl: string | null;
  /** The notes the viewer may see on it, and how many of those are the viewer's own (0 signed out). */
  notes: { visible: number; mine: number };
}

/** The document API's answer for one brief. */
export interface BriefView extends BriefSummary {
  labels: string[];
  sections: SectionView[];
}

/**
 * The key by which an address of a brief's original is known: the same page written differently
 * (a fragment, a trailing slash, the host's case) is the same key; null for what is no URL.
 */
export function addressKey(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    parsed.hash = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return null;
  }
}

/** Counts sections, claims and points of a document. */
export function countsOf(document: BriefDocument): BriefCounts {
  const blocks = document.sections.flatMap((section) => section.blocks);
  return {
    sections: document.sections.length,
    claims: blocks.filter((block) => block.kind === "claim").length,
    points: blocks.filter((block) => block.kind === "point").length,
  };
}
