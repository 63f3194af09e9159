/**
 * Each revision of a brief parsed and linked once: the one cache the reader page, the API,
 * search, export and linking share. A revision is named by its text's SHA-256, and its mentions
 * depend on the knowledge base too (the entities, and the editors' decisions on this text), so
 * the key is all three; warnings are logged once per parse. The caller says what to link with
 * (lib/services/knowledge.ts reads it from the database; tools, from the seed files).
 */
import { createHash } from "node:crypto";
import type { CuratedSpan } from "./linking/curated-mentions";
import type { EntityIndex } from "./linking/entity-index";
import { formatProblems, type ParsedBrief, parseBrief } from "./pipeline";

/** Revisions kept parsed; old ones are rarely asked for again, current ones are asked for constantly. */
const CAPACITY = 256;

// On globalThis, not in module scope: Next bundles routes and pages apart, and they must share it.
const holder = globalThis as unknown as { briefReaderParsed?: Map<string, ParsedBrief> };
const cache = (holder.briefReaderParsed ??= new Map());

export interface RevisionText {
  slug: string;
  sha256: string;
  /** NFC source text in the brief format. */
  source: string;
  /** Where the text came from, for warnings (`content/briefs/x/source.txt`, `upload:x`). */
  path?: string;
  /** For a converted PDF: the page each line starts on. */
  pages?: readonly (number | null)[] | null;
}

/** What a revision is linked with. */
export interface Linking {
  /** Changes whenever an entity or record changes (`Registry.signature`). */
  signature: string;
  index: EntityIndex;
  /** Editors' decisions placed on this revision's text, in the order they were made. */
  curated: readonly CuratedSpan[];
  /** Whether an entity id exists (curated links to removed entities are dropped). */
  known: (entityId: string) => boolean;
}

/** A short fingerprint of the curated decisions, for the key ("" when there are none). */
function curatedKey(curated: readonly CuratedSpan[]): string {
  if (curated.length === 0) return "";
  return createHash("sha256").update(JSON.stringify(curated)).digest("hex").slice(0, 16);
}

/** The parsed, linked revision; parsed on first use and kept while what it is linked with is unchanged. */
export function parsedRevision(revision: RevisionText, linking: Linking): ParsedBrief {
  const key = `${revision.slug}@${revision.sha256}@${linking.signature}@${curatedKey(linking.curated)}`;
  const cached = cache.get(key);
  if (cached) {
    // Most recently used last, so the oldest entry is the first to go.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const path = revision.path ?? `${revision.slug}@${revision.sha256.slice(0, 12)}`;
  const parsed = parseBrief(revision.source, { path, entities: linking.index, curated: linking.curated, knownEntity: linking.known, pages: revision.pages });
  for (const line of formatProblems(path, parsed.problems)) console.warn(line);
  if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value as string);
  cache.set(key, parsed);
  return parsed;
}
