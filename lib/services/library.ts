/**
 * The library as this process holds it, for reading: every brief's record (metadata, status,
 * current revision) from the database, kept until the library's version changes, and each
 * revision's text read once and parsed once (lib/content/revision-cache.ts). Only reads: texts
 * change through lib/services/library-sync.ts, which tells this module when it wrote.
 *
 * Rules: a published brief is read by everyone; a draft (and a drafted new version) only by
 * editors. Another process's change is seen within CHECK_MS: the version row is read at most that
 * often, one primary-key lookup.
 */
import "server-only";
import { type BriefText, briefText } from "@/lib/anchoring/brief-text";
import type { ParsedBrief } from "@/lib/content/pipeline";
import { relative, join } from "node:path";
import { parsedRevision } from "@/lib/content/revision-cache";
import { briefsRoot } from "@/lib/content/seed-briefs";
import { type BriefRecord, findRevision, libraryVersion, listBriefRecords, type StoredRevision } from "@/lib/db/briefs";
import { db } from "@/lib/database/prisma";
import { isEditor, type Viewer } from "@/lib/domain/account";
import { linkingFor } from "./knowledge";
import { briefSlugSchema } from "@/lib/domain/brief";
import { AppError } from "@/lib/domain/errors";

/** How stale another process's change to the library may be when this one reads. */
const CHECK_MS = 250;
/** Revision texts kept in memory (about 100 kB each for a brief of this size). */
const TEXTS_KEPT = 128;

interface Snapshot {
  version: number;
  records: BriefRecord[];
  bySlug: Map<string, BriefRecord>;
}

interface LibraryState {
  snapshot: Snapshot | null;
  checkedAt: number;
  checking: Promise<Snapshot> | null;
  texts: Map<string, StoredRevision>;
}

// On globalThis, not in module scope: Next bundles routes and pages apart, and all must share one.
const holder = globalThis as unknown as { briefReaderLibrary?: LibraryState };
function state(): LibraryState {
  holder.briefReaderLibrary ??= { snapshot: null, checkedAt: 0, checking: null, texts: new Map() };
  return holder.briefReaderLibrary;
}

async function refresh(current: LibraryState): Promise<Snapshot> {
  const version = await libraryVersion(db());
  if (current.snapshot && current.snapshot.version === version) return current.snapshot;
  const records = await listBriefRecords(db());
  return { version, records, bySlug: new Map(records.map((record) => [record.slug, record])) };
}

/** Every brief's record, as of at most CHECK_MS ago (or this process's last write). */
export async function librarySnapshot(): Promise<Snapshot> {
  const current = state();
  if (current.snapshot && Date.now() - current.checkedAt < CHECK_MS) return current.snapshot;
  current.checking ??= refresh(current)
    .then((snapshot) => {
      current.snapshot = snapshot;
      current.checkedAt = Date.now();
      return snapshot;
    })
    .finally(() => {
      current.checking = null;
    });
  return current.checking;
}

/** After this process changed the library: the next read asks the database again. */
export function libraryChanged(): void {
  state().checkedAt = 0;
}

/** Whether the viewer may read the brief at all (drafts are for editors). */
export function canRead(record: BriefRecord, viewer: Viewer | null | undefined): boolean {
  return record.status === "published" || isEditor(viewer);
}

/** The records the viewer may read, in slug order. */
export async function readableBriefs(viewer?: Viewer | null): Promise<BriefRecord[]> {
  return (await librarySnapshot()).records.filter((record) => record.currentSha !== null && canRead(record, viewer));
}

/** The record of a brief the viewer may read; `not_found` otherwise, as if it did not exist. */
export async function readableBrief(slug: string, viewer?: Viewer | null): Promise<BriefRecord> {
  const record = briefSlugSchema.safeParse(slug).success ? (await librarySnapshot()).bySlug.get(slug) : undefined;
  if (!record || record.currentSha === null || !canRead(record, viewer)) throw new AppError("not_found", `No brief named “${slug}”`, "slug");
  return record;
}

/** A revision of a brief as the reader uses it: the stored text, parsed and linked. */
export interface LoadedBrief {
  record: BriefRecord;
  slug: string;
  sha256: string;
  revision: StoredRevision;
  parsed: ParsedBrief;
  /** The plain text annotations are anchored in (lib/anchoring/brief-text.ts). */
  text: BriefText;
}

// The plain text of each parsed document, made once: the cache keeps the parsed object.
const texts = new WeakMap<ParsedBrief, BriefText>();

/** The plain text annotations are anchored in, of a parsed revision (made once per parse). */
export function anchoringText(parsed: ParsedBrief): BriefText {
  let text = texts.get(parsed);
  if (!text) texts.set(parsed, (text = briefText(parsed.document)));
  return text;
}

/** Where a revision's text came from, for its warnings: the seed file, or the upload. */
function sourcePath(record: BriefRecord, sha256: string): string {
  if (record.seedHash !== null) return relative(process.cwd(), join(briefsRoot(), record.slug, "source.txt"));
  return `upload:${record.slug}@${sha256.slice(0, 12)}`;
}

/** The page of each source line, from a converted PDF's layout; null for other texts. */
export function pagesOf(layout: unknown): (number | null)[] | null {
  const pages = (layout as { pages?: unknown } | null)?.pages;
  return Array.isArray(pages) ? pages.map((page) => (typeof page === "number" ? page : null)) : null;
}

/** One revision of a brief, read once from the database and parsed once. */
export async function loadRevision(record: BriefRecord, sha256: string): Promise<LoadedBrief> {
  const current = state();
  const key = `${record.slug}@${sha256}`;
  let revision = current.texts.get(key);
  if (!revision) {
    const found = await findRevision(db(), record.slug, sha256);
    if (!found) throw new AppError("not_found", `No revision ${sha256.slice(0, 12)} of the brief “${record.slug}”`, "revision");
    revision = found;
    if (current.texts.size >= TEXTS_KEPT) current.texts.delete(current.texts.keys().next().value as string);
    current.texts.set(key, revision);
  }
  const parsed = parsedRevision({ slug: record.slug, sha256, source: revision.source, path: sourcePath(record, sha256), pages: pagesOf(revision.layout) }, await linkingFor(record.slug, sha256));
  return { record, slug: record.slug, sha256, revision, parsed, text: anchoringText(parsed) };
}

/** The text readers see of a brief the viewer may read: its current revision. */
export async function currentRevision(slug: string, viewer?: Viewer | null): Promise<LoadedBrief> {
  const record = await readableBrief(slug, viewer);
  return loadRevision(record, record.currentSha as string);
}

/** The current revision of every brief the viewer may read (for search, export and the entity pages). */
export async function currentRevisions(viewer?: Viewer | null): Promise<LoadedBrief[]> {
  const records = await readableBriefs(viewer);
  return Promise.all(records.map((record) => loadRevision(record, record.currentSha as string)));
}
