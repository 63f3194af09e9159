/**
 * Each revision of a brief parsed and linked once: the one cache the reader page, the API,
 * search, export and linking share. A revision is named by its text's SHA-256, and its mentions
 * depend on the entity data too, so the key is both; warnings are logged once per parse.
 */
import { formatProblems, type ParsedBrief, parseBrief } from "./pipeline";
import { loadEntityIndex, loadRegistry, type Registry } from "./registry";

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

/** How stale the entity data may be when a revision is looked up (checking it stats every data file). */
const REGISTRY_CHECK_MS = 250;
let registryCheck: { at: number; registry: Promise<Registry> } | null = null;

function currentRegistry(): Promise<Registry> {
  if (!registryCheck || Date.now() - registryCheck.at >= REGISTRY_CHECK_MS) registryCheck = { at: Date.now(), registry: loadRegistry() };
  return registryCheck.registry;
}

/** The parsed, linked revision; parsed on first use and kept while the entity data is unchanged. */
export async function parsedRevision(revision: RevisionText): Promise<ParsedBrief> {
  const registry = await currentRegistry();
  const key = `${revision.slug}@${revision.sha256}@${registry.signature}`;
  const cached = cache.get(key);
  if (cached) {
    // Most recently used last, so the oldest entry is the first to go.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const path = revision.path ?? `${revision.slug}@${revision.sha256.slice(0, 12)}`;
  const parsed = parseBrief(revision.source, { path, entities: await loadEntityIndex(registry), pages: revision.pages });
  for (const line of formatProblems(path, parsed.problems)) console.warn(line);
  if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value as string);
  cache.set(key, parsed);
  return parsed;
}
