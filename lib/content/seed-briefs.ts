/**
 * The seed briefs on disk: `content/briefs/<slug>/source.txt` and `brief.json`. They are not the
 * library (the database is: lib/services/library.ts); the seed import copies a folder into it
 * when the folder is new or changed. Files are re-read only when they change, parsed documents
 * are cached per source revision, and each revision's parser warnings are logged once, as
 * `path:line:column` lines.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { type BriefMetadata, briefMetadataSchema, briefSlugSchema } from "@/lib/domain/brief";
import { AppError, firstProblem } from "@/lib/domain/errors";
import { type FileStamp, fileStamp, unchanged } from "./file-stamp";
import type { ParsedBrief } from "./pipeline";
import { loadEntityIndex, loadRegistry } from "./registry";
import { parsedRevision } from "./revision-cache";

export interface SeedBrief {
  slug: string;
  metadata: BriefMetadata;
  /** NFC-normalized source text. */
  source: string;
  sha256: string;
  parsed: ParsedBrief;
}

/** Where briefs live; `BRIEFS_DIR` points elsewhere (tests use fixture folders). */
export function briefsRoot(): string {
  // The ignore comment stops the bundler tracing the whole project from a run-time path;
  // next.config.js includes content/ in the trace explicitly.
  return process.env.BRIEFS_DIR ?? join(/* turbopackIgnore: true */ process.cwd(), "content", "briefs");
}

/** The slugs of every brief folder that holds a source text, sorted. */
export async function listSeedSlugs(root = briefsRoot()): Promise<string[]> {
  const entries = await readdir(/* turbopackIgnore: true */ root, { withFileTypes: true }).catch(() => []);
  const slugs: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !briefSlugSchema.safeParse(entry.name).success) continue;
    const hasSource = await readFile(join(root, entry.name, "source.txt")).then(
      () => true,
      () => false,
    );
    if (hasSource) slugs.push(entry.name);
  }
  return slugs.sort();
}

async function readMetadata(path: string): Promise<BriefMetadata> {
  const display = relative(process.cwd(), path);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new AppError("invalid_content", `${display}: ${(error as Error).message}`, display);
  }
  const result = briefMetadataSchema.safeParse(raw);
  if (!result.success) {
    const { field, message } = firstProblem(result.error);
    throw new AppError("invalid_content", `${display}: field ${field}: ${message}`, field);
  }
  return result.data;
}

interface SourceEntry {
  /** The stamps of source.txt and brief.json taken before they were read. */
  stamps: (FileStamp | null)[];
  metadata: BriefMetadata;
  source: string;
  sha256: string;
}

// What each brief folder held when last read; kept until its files change (see file-stamp.ts).
const sources = new Map<string, SourceEntry>();

async function readSource(dir: string, slug: string): Promise<Omit<SourceEntry, "stamps">> {
  let raw: string;
  try {
    raw = await readFile(join(dir, "source.txt"), "utf8");
  } catch {
    throw new AppError("not_found", `No brief named “${slug}”`, "slug");
  }
  const metadata = await readMetadata(join(dir, "brief.json"));
  const source = raw.normalize("NFC");
  const sha256 = createHash("sha256").update(source, "utf8").digest("hex");
  return { metadata, source, sha256 };
}

/**
 * Reads one seed folder (source and metadata, NFC, with the source's hash); a slug with no
 * folder is `not_found`. The files are read and hashed again only when their stamps change.
 */
export async function readSeedBrief(slug: string, root = briefsRoot()): Promise<Omit<SeedBrief, "parsed">> {
  if (!briefSlugSchema.safeParse(slug).success) throw new AppError("not_found", `No brief named “${slug}”`, "slug");
  const dir = join(/* turbopackIgnore: true */ root, slug);
  const now = Date.now();
  const stamps = [fileStamp(join(dir, "source.txt"), now), fileStamp(join(dir, "brief.json"), now)];
  let entry = sources.get(dir);
  if (!entry || !unchanged(entry.stamps, stamps)) {
    entry = { stamps, ...(await readSource(dir, slug)) };
    sources.set(dir, entry);
  }
  const { metadata, source, sha256 } = entry;
  return { slug, metadata, source, sha256 };
}

/** Reads and parses one seed brief, linked with the seed files' entities (no curated mentions); for tests and tools. */
export async function loadSeedBrief(slug: string, root = briefsRoot()): Promise<SeedBrief> {
  const brief = await readSeedBrief(slug, root);
  const path = relative(process.cwd(), join(root, slug, "source.txt"));
  const registry = await loadRegistry();
  const linking = { signature: `seed:${registry.signature}`, index: await loadEntityIndex(registry), curated: [], known: (id: string) => registry.byId.has(id) };
  return { ...brief, parsed: parsedRevision({ ...brief, path }, linking) };
}
