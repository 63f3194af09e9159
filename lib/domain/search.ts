/**
 * Search: the API's query and its answer, declared once. No IO.
 *
 * Offsets in snippets count code points, like every offset of the API.
 */
import { z } from "zod";
import { codePointLength } from "@/lib/text/code-points";
import { storedText } from "@/lib/text/stored-text";
import type { Motivation, Visibility } from "./annotation";
import { briefSlugSchema, type BlockKind, type CodePointOffset } from "./brief";
import type { EntityKind } from "./entity";

/** The longest query accepted, in code points. */
export const MAX_QUERY_CHARS = 200;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

/** `GET /api/search?q=…&brief=<slug>&limit=…` */
export const searchQuerySchema = z.object({
  // Not stored, but compared with stored text: the same rule (a URL cannot carry a lone
  // surrogate, so this mostly refuses U+0000).
  q: storedText()
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(1, "type something to search for")
        .refine((value) => codePointLength(value) <= MAX_QUERY_CHARS, `at most ${MAX_QUERY_CHARS} characters`),
    ),
  brief: briefSlugSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export interface TextRange {
  start: CodePointOffset;
  end: CodePointOffset;
}

/** A piece of the matched text with the matches marked; `before`/`after`: text was cut there. */
export interface SearchSnippet {
  text: string;
  highlights: TextRange[];
  before: boolean;
  after: boolean;
}

/**
 * How the best match in a result matched: the word itself (particles allowed), another name of
 * the entity the query names, the start of a longer word, or inside a word.
 */
export type MatchKind = "exact" | "alias" | "prefix" | "substring";

interface HitBase {
  /** Higher is better; the sum over the query's words of their match classes. */
  score: number;
  match: MatchKind;
  snippet: SearchSnippet;
  /** Where the result is: a path on this site. */
  href: string;
}

/** A section title or a block (claim or point) of a brief. */
export interface TextHit extends HitBase {
  type: "section" | "block";
  brief: string;
  /** The section's or the block's id (the reader's fragment). */
  id: string;
  blockKind: BlockKind | null;
  sectionId: string;
  sectionTitle: string;
}

/** An entity, or an agreement record (an entity of kind `agreement`). */
export interface EntityHit extends HitBase {
  type: "entity" | "agreement";
  id: string;
  kind: EntityKind;
  names: { ko: string; en: string; ja?: string };
  /** The entity's (or record's) own page. */
  page: string;
}

/** An annotation the viewer may see. */
export interface NoteHit extends HitBase {
  type: "note";
  id: string;
  brief: string;
  motivation: Motivation;
  visibility: Visibility;
  /** For a group note: its group. */
  group: { id: string; name: string } | null;
  author: { id: string; name: string };
  /** Which part matched (the snippet is from it). */
  field: "body" | "quote" | "tags";
  /** The reply's parent, for a reply. */
  parentId: string | null;
  modified: string;
}

export interface SearchGroup<T> {
  /** Every match the viewer may see, not only those returned. */
  total: number;
  results: T[];
}

export interface SearchResults {
  /** The query as read (NFC, trimmed). */
  query: string;
  /** The words searched for: as typed (folded), without particles, and the entities they name. */
  terms: { text: string; stem: string | null; entities: string[] }[];
  brief: string | null;
  groups: {
    text: SearchGroup<TextHit>;
    entities: SearchGroup<EntityHit>;
    /** Null when nobody is signed in: notes are for members. */
    notes: SearchGroup<NoteHit> | null;
  };
}
