/**
 * Where a brief's text changes, and the only place: a seed folder imported (at start, and when
 * `content/briefs/<slug>/` changes while the server runs), an upload, a draft published. Each
 * change is one `syncBrief` call, which stores the revision, re-anchors every annotation of the
 * brief on the text that becomes current, and moves readers to it, in one transaction.
 *
 * Rules:
 * - A revision is stored once per text (its SHA-256); storing a text the brief had before makes
 *   it current again, and its annotations follow (exact → moved → fuzzy → orphaned, never lost).
 * - Editors' curated mentions (and suppressions) move with the text the same way, in the same
 *   transaction; one that no longer fits in one block, or is not found, is orphaned (kept, applied
 *   nowhere).
 * - A note written against the old text while a sync runs may commit after it, still anchored
 *   on the old text; `sweepStaleAnchors` (run after every sync and every SWEEP_MS) moves it.
 * - A seed folder is imported when its files differ from what was imported from it last
 *   (`seedHash`); an uploaded brief is never touched by the seed import.
 */
import "server-only";
import { createHash } from "node:crypto";
import { join, relative } from "node:path";
import { blockAt, type BriefText } from "@/lib/anchoring/brief-text";
import { reanchor } from "@/lib/anchoring/reanchor";
import { parsedRevision } from "@/lib/content/revision-cache";
import { briefsRoot, listSeedSlugs, readSeedBrief } from "@/lib/content/seed-briefs";
import { hasStaleAnchors, listStaleAnchors, type NewAnchor, saveAnchors } from "@/lib/db/annotations";
import { type CuratedAnchor, curatedAnchorUpdates, listStaleCuratedMentions } from "@/lib/db/curated-mentions";
import { bumpKnowledge } from "@/lib/db/knowledge-changes";
import { type BriefRecord, type BriefStatus, findBriefRecord, listBriefRecords, type RevisionWrite, type SourceFormat, writeBrief } from "@/lib/db/briefs";
import { db } from "@/lib/database/prisma";
import type { ParsedBrief } from "@/lib/content/pipeline";
import { type BriefMetadata, countsOf } from "@/lib/domain/brief";
import { knowledgeChanged, linkingFor } from "./knowledge";
import { anchoringText, libraryChanged, loadRevision, pagesOf } from "./library";

/** How often stale anchors are looked for in the background (two index lookups per brief). */
const SWEEP_MS = 10_000;
/** How often the seed folders are checked for changes while the server runs. */
const SEED_CHECK_MS = 300;

/** The new text of a brief, as an upload or a seed brings it. */
export interface BriefTextInput {
  slug: string;
  /** NFC text in the brief format. */
  source: string;
  metadata: BriefMetadata;
  format?: SourceFormat;
  layout?: unknown;
  problems?: unknown[];
  file?: RevisionWrite["file"];
  actorId?: string | null;
  /** `published`: readers see it now; `draft`: editors preview it until it is published. */
  status: BriefStatus;
  seedHash?: string | null;
  /** Where the text came from, for the parser's warnings (a seed file's path). */
  path?: string;
}

export interface SyncResult {
  slug: string;
  sha256: string;
  status: BriefStatus;
  /** Whether readers now see this text. */
  current: boolean;
  /** How many annotations moved onto it. */
  reanchored: number;
}

/** SHA-256 of a source text, in hex: a revision's name. */
export function sourceSha(source: string): string {
  return createHash("sha256").update(source, "utf8").digest("hex");
}

/** New anchors, on `text` (revision `sha`), for the brief's annotations anchored elsewhere. */
async function anchorsOnto(slug: string, text: BriefText, sha: string): Promise<NewAnchor[]> {
  if (!(await hasStaleAnchors(db(), { brief: slug, sha }))) return [];
  const stale = await listStaleAnchors(db(), { brief: slug, sha });
  return stale.map((stored) => {
    const anchor = reanchor(text.text, { type: "TextQuoteSelector", ...stored.quote }, { type: "TextPositionSelector", ...stored.position });
    const placed = anchor.start !== undefined && anchor.end !== undefined;
    return {
      id: stored.id,
      fromSha: stored.anchorSha,
      toSha: sha,
      status: anchor.status,
      score: anchor.score,
      ...(placed ? { start: anchor.start, end: anchor.end, blockId: blockAt(text, anchor.start as number) ?? undefined } : {}),
    };
  });
}

/**
 * New anchors, on `text` (revision `sha`), for the brief's curated mentions anchored elsewhere. A
 * mention lives in one block: a match that crosses blocks is no place for it (orphaned).
 */
async function curatedOnto(slug: string, text: BriefText, sha: string): Promise<CuratedAnchor[]> {
  const stale = await listStaleCuratedMentions(db(), { brief: slug, sha });
  return stale.map((stored): CuratedAnchor => {
    const anchor = reanchor(text.text, { type: "TextQuoteSelector", ...stored.quote }, { type: "TextPositionSelector", ...stored.position });
    const orphan: CuratedAnchor = { id: stored.id, fromSha: stored.anchorSha, toSha: sha, status: "orphaned", score: 0 };
    if (anchor.start === undefined || anchor.end === undefined || anchor.status === "orphaned") return orphan;
    const block = text.blocks.find((candidate) => anchor.start! >= candidate.start && anchor.end! <= candidate.end);
    if (!block) return orphan;
    return {
      id: stored.id,
      fromSha: stored.anchorSha,
      toSha: sha,
      status: anchor.status,
      score: anchor.score,
      place: { blockId: block.id, start: anchor.start - block.start, end: anchor.end - block.start, position: { start: anchor.start, end: anchor.end } },
    };
  });
}

/** What the library shows of a brief: the metadata's title (editors set it), and its byline or the text's. */
export function titleAndByline(parsed: ParsedBrief, metadata: BriefMetadata) {
  return {
    title: metadata.title,
    byline: metadata.byline ?? parsed.document.byline?.text ?? [metadata.author, metadata.affiliation, metadata.position].filter(Boolean).join(" "),
  };
}

/**
 * Stores a new text of a brief. It becomes what readers see (and the annotations move onto it)
 * unless it is a draft of a brief already published: then it waits, as `draftSha`, for
 * `publishDraft`, and the brief's metadata stays as readers know it until then.
 */
export async function syncBrief(input: BriefTextInput): Promise<SyncResult> {
  const source = input.source.normalize("NFC");
  const sha256 = sourceSha(source);
  const parsed = parsedRevision({ slug: input.slug, sha256, source, path: input.path, pages: pagesOf(input.layout ?? null) }, await linkingFor(input.slug, sha256));
  const existing = await findBriefRecord(db(), input.slug);
  const becomesCurrent = !(existing?.status === "published" && input.status === "draft");
  const status: BriefStatus = becomesCurrent ? input.status : "published";
  const anchors = becomesCurrent ? await anchorsOnto(input.slug, anchoringText(parsed), sha256) : [];
  const curated = becomesCurrent ? await curatedOnto(input.slug, anchoringText(parsed), sha256) : [];
  const shown = becomesCurrent || !existing ? { ...titleAndByline(parsed, input.metadata), language: input.metadata.language, metadata: input.metadata } : existing;
  await writeBrief(
    db(),
    {
      slug: input.slug,
      status,
      title: shown.title,
      byline: shown.byline,
      language: shown.language,
      metadata: shown.metadata,
      currentSha: becomesCurrent ? sha256 : (existing?.currentSha ?? null),
      draftSha: becomesCurrent ? null : sha256,
      ...(input.seedHash !== undefined ? { seedHash: input.seedHash } : {}),
      createdById: existing ? undefined : (input.actorId ?? null),
    },
    {
      slug: input.slug,
      sha256,
      source,
      counts: countsOf(parsed.document),
      format: input.format ?? "brief",
      layout: input.layout ?? null,
      problems: input.problems ?? [],
      createdById: input.actorId ?? null,
      file: input.file ?? null,
    },
    anchors,
    curated,
  );
  libraryChanged();
  if (curated.length > 0) knowledgeChanged();
  const reanchored = becomesCurrent ? anchors.length + (await sweepBrief(input.slug, sha256)) : 0;
  return { slug: input.slug, sha256, status, current: becomesCurrent, reanchored };
}

/** Makes a brief's draft (a new brief, or a new version) what readers see. */
export async function publishDraft(record: BriefRecord, actorId: string | null): Promise<SyncResult> {
  const sha256 = record.draftSha ?? record.currentSha;
  if (!sha256) throw new Error(`The brief ${record.slug} has no text`);
  const loaded = await loadRevision(record, sha256);
  const anchors = await anchorsOnto(record.slug, loaded.text, sha256);
  const curated = await curatedOnto(record.slug, loaded.text, sha256);
  await writeBrief(
    db(),
    { slug: record.slug, status: "published", title: record.title, byline: record.byline, language: record.language, metadata: record.metadata, currentSha: sha256, draftSha: null, createdById: actorId },
    null,
    anchors,
    curated,
  );
  libraryChanged();
  if (curated.length > 0) knowledgeChanged();
  return { slug: record.slug, sha256, status: "published", current: true, reanchored: anchors.length + (await sweepBrief(record.slug, sha256)) };
}

/** Re-anchors a brief's annotations still on another revision than `sha` (see the rules above). */
async function sweepBrief(slug: string, sha: string): Promise<number> {
  const record = await findBriefRecord(db(), slug);
  if (!record || record.currentSha !== sha) return 0;
  const loaded = await loadRevision(record, sha);
  const moved = await saveAnchors(db(), await anchorsOnto(slug, loaded.text, sha));
  // Curated mentions made on the old text while a sync ran: moved the same way, with the knowledge version.
  const curated = await curatedOnto(slug, loaded.text, sha);
  if (curated.length > 0) {
    await db().$transaction([...curatedAnchorUpdates(db(), curated), bumpKnowledge(db())]);
    knowledgeChanged();
  }
  return moved;
}

/** Moves every annotation anchored on another text than its brief's current one; returns how many. */
export async function sweepStaleAnchors(): Promise<number> {
  let moved = 0;
  for (const record of await listBriefRecords(db())) {
    if (record.currentSha) moved += await sweepBrief(record.slug, record.currentSha);
  }
  return moved;
}

/** What the seed import did with each folder. */
export interface SeedReport {
  imported: SyncResult[];
  unchanged: string[];
  failed: { slug: string; message: string }[];
}

/** A seed folder's fingerprint: its text and its metadata as read. */
function seedHashOf(source: string, metadata: BriefMetadata): string {
  return createHash("sha256").update(JSON.stringify([source, metadata])).digest("hex");
}

// The fingerprint of each seed folder as this process last imported or found it in the database,
// so the watcher's check costs file stamps, not a query, while nothing changes.
const holder = globalThis as unknown as { briefReaderSeeds?: { seen: Map<string, string>; pending: Map<string, string> } };
const seeds = (holder.briefReaderSeeds ??= { seen: new Map(), pending: new Map() });

/**
 * Imports every seed folder that is new or changed since its last import (`npm start` runs this,
 * and the watcher while the server runs). A folder with bad metadata is reported, not imported,
 * and does not stop the others. With `confirm`, a change is imported only once two checks in a
 * row read the same files: an editor saving a file truncates it before writing it, and a check
 * in between must not make a revision of the empty file.
 */
export async function importSeeds(root = briefsRoot(), options: { confirm?: boolean } = {}): Promise<SeedReport> {
  const report: SeedReport = { imported: [], unchanged: [], failed: [] };
  let known: Map<string, BriefRecord> | null = null;
  for (const slug of await listSeedSlugs(root)) {
    try {
      const seed = await readSeedBrief(slug, root);
      const seedHash = seedHashOf(seed.source, seed.metadata);
      const key = `${root}:${slug}`;
      if (seeds.seen.get(key) === seedHash) {
        report.unchanged.push(slug);
        continue;
      }
      if (options.confirm && seeds.pending.get(key) !== seedHash) {
        seeds.pending.set(key, seedHash);
        continue;
      }
      seeds.pending.delete(key);
      known ??= new Map((await listBriefRecords(db())).map((record) => [record.slug, record]));
      const record = known.get(slug);
      // Imported before, or a brief of the same name uploaded in the app (the library's, not the seed's).
      const current = record && record.currentSha !== null && (record.seedHash === seedHash || (record.seedHash === null && record.createdById !== null));
      const path = relative(process.cwd(), join(root, slug, "source.txt"));
      if (!current) report.imported.push(await syncBrief({ slug, source: seed.source, metadata: seed.metadata, status: "published", seedHash, path }));
      else report.unchanged.push(slug);
      seeds.seen.set(key, seedHash);
    } catch (error) {
      report.failed.push({ slug, message: (error as Error).message });
    }
  }
  return report;
}

/**
 * While the server runs: imports changed seed folders every SEED_CHECK_MS (a `stat` of two files
 * per folder; a changed file is read and hashed) and sweeps stale anchors every SWEEP_MS. Returns
 * a function that stops both. One import at a time: a slow one is not started twice.
 */
export function watchLibrary(root = briefsRoot()): () => void {
  let busy = false;
  const logged = new Map<string, string>();
  const seeds = setInterval(() => {
    if (busy) return;
    busy = true;
    importSeeds(root, { confirm: true })
      .then((report) => {
        for (const done of report.imported) console.log(`library: imported ${done.slug} from ${root} (revision ${done.sha256.slice(0, 12)}, ${done.reanchored} annotations re-anchored)`);
        // A broken folder is said once, not every check, until its problem changes.
        for (const failure of report.failed) {
          if (logged.get(failure.slug) !== failure.message) console.warn(`library: ${failure.message}`);
          logged.set(failure.slug, failure.message);
        }
      })
      .catch((error: unknown) => console.warn(`library: seed check failed: ${String(error)}`))
      .finally(() => {
        busy = false;
      });
  }, SEED_CHECK_MS);
  const sweep = setInterval(() => {
    void sweepStaleAnchors().catch((error: unknown) => console.warn(`library: anchor sweep failed: ${String(error)}`));
  }, SWEEP_MS);
  seeds.unref();
  sweep.unref();
  return () => {
    clearInterval(seeds);
    clearInterval(sweep);
  };
}
