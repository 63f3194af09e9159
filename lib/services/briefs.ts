/**
 * Use cases for reading briefs: the list, one brief's document, the reader's view of it, its
 * revisions. Pure reads of the library (lib/services/library.ts): nothing here writes; a text
 * changes only through lib/services/library-sync.ts.
 */
import type { BriefText } from "@/lib/anchoring/brief-text";
import { noteCountsByBrief } from "@/lib/db/annotations";
import { findBriefFile, listRevisions, type RevisionRecord } from "@/lib/db/briefs";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import { addressKey, type BriefSummary, type BriefView, countsOf, type LibraryEntry } from "@/lib/domain/brief";
import { AppError } from "@/lib/domain/errors";
import type { LibraryQuery } from "@/lib/domain/library";
import { currentRevision, type LoadedBrief, readableBrief, readableBriefs, loadRevision } from "./library";

export type { LoadedBrief } from "./library";

function summaryOf(brief: LoadedBrief): BriefSummary {
  const { record } = brief;
  return {
    slug: brief.slug,
    title: record.title,
    byline: record.byline,
    language: record.language,
    author: record.metadata.author,
    affiliation: record.metadata.affiliation,
    revision: brief.sha256,
    counts: countsOf(brief.parsed.document),
  };
}

/** The institute a brief is from: its publisher, else its author's affiliation. */
export function instituteOf(metadata: LoadedBrief["record"]["metadata"]): string {
  return metadata.publisher ?? metadata.affiliation;
}

// Case and width folded, NFC: what a title search compares.
const fold = (text: string) => text.normalize("NFKC").toLowerCase();

/**
 * The library the viewer may read, filtered and sorted (`GET /api/briefs`, the library page).
 * Rules: `entity` keeps briefs that mention it (their current text); `institute` is matched
 * exactly; `year` against the publication date; `q` against title, byline and institute, every
 * word; `mine` keeps briefs with the viewer's own notes. Sorted by publication date (newest first,
 * undated last), title, date added, or the notes the viewer may see.
 */
export async function listLibrary(viewer: Viewer | null, query: LibraryQuery): Promise<LibraryEntry[]> {
  const records = await readableBriefs(viewer);
  const [briefs, counts] = await Promise.all([
    Promise.all(records.map((record) => loadRevision(record, record.currentSha as string))),
    viewer ? noteCountsByBrief(db(), viewer) : Promise.resolve(new Map<string, { visible: number; mine: number }>()),
  ]);
  const words = query.q ? fold(query.q).split(/\s+/u).filter(Boolean) : [];
  const entries = briefs
    .filter((brief) => !query.entity || brief.parsed.mentions.byEntity.has(query.entity))
    .map((brief): LibraryEntry => {
      const { record } = brief;
      const { metadata } = record;
      return {
        ...summaryOf(brief),
        status: record.status,
        hasDraft: record.draftSha !== null,
        institute: instituteOf(metadata),
        published: metadata.published ?? null,
        added: record.createdAt.toISOString(),
        format: brief.revision.format,
        sourceUrl: metadata.sourceUrl ?? null,
        pdfUrl: metadata.pdfUrl ?? null,
        notes: counts.get(brief.slug) ?? { visible: 0, mine: 0 },
      };
    })
    .filter((entry) => !query.institute || entry.institute === query.institute)
    .filter((entry) => !query.year || (entry.published ?? "").startsWith(query.year))
    .filter((entry) => !query.mine || entry.notes.mine > 0)
    .filter((entry) => words.every((word) => fold(`${entry.title} ${entry.byline} ${entry.institute}`).includes(word)));
  const byTitle = (a: LibraryEntry, b: LibraryEntry) => a.title.localeCompare(b.title, "ko");
  const compare: Record<LibraryQuery["sort"], (a: LibraryEntry, b: LibraryEntry) => number> = {
    title: byTitle,
    date: (a, b) => (b.published ?? "").localeCompare(a.published ?? "") || byTitle(a, b),
    added: (a, b) => b.added.localeCompare(a.added) || byTitle(a, b),
    notes: (a, b) => b.notes.visible - a.notes.visible || byTitle(a, b),
  };
  return entries.sort(compare[query.sort]);
}

/** The file the brief's current text was made from, as uploaded; `not_found` when it was typed in. */
export async function getOriginalFile(slug: string, viewer?: Viewer | null): Promise<{ name: string; mediaType: string; content: Uint8Array }> {
  const brief = await currentRevision(slug, viewer);
  const file = brief.revision.fileId ? await findBriefFile(db(), slug, brief.revision.fileId) : null;
  if (!file) throw new AppError("not_found", `The brief “${slug}” was not made from an uploaded file`, "slug");
  return file;
}

/** Every brief the viewer may read, in slug order. */
export async function listBriefs(viewer?: Viewer | null): Promise<BriefSummary[]> {
  const records = await readableBriefs(viewer);
  const briefs = await Promise.all(records.map((record) => loadRevision(record, record.currentSha as string)));
  return briefs.map(summaryOf);
}

/**
 * The brief as readers see it now, with the plain text annotations anchor in: what annotation use
 * cases validate against. Throws `not_found` for an unknown slug (or a draft the viewer may not see).
 */
export async function getCurrentBriefText(slug: string, viewer?: Viewer | null): Promise<{ slug: string; sha256: string; text: BriefText }> {
  const brief = await currentRevision(slug, viewer);
  return { slug: brief.slug, sha256: brief.sha256, text: brief.text };
}

/** The document API's view of a loaded revision. */
export function viewOf(brief: LoadedBrief): BriefView {
  const { document } = brief.parsed;
  return {
    ...summaryOf(brief),
    labels: document.labels.map((label) => label.text),
    sections: document.sections.map((section) => ({
      id: section.id,
      title: section.title,
      blocks: section.blocks.map(({ id, kind, parentId, text, mentions, page }) => ({ id, kind, parentId, text, mentions, ...(page ? { page } : {}) })),
    })),
  };
}

/** One brief as the document API returns it. Throws `not_found` for an unknown slug. */
export async function getBriefView(slug: string, viewer?: Viewer | null): Promise<BriefView> {
  return viewOf(await currentRevision(slug, viewer));
}

/** The source revisions the database holds for a brief, newest first. */
export async function getBriefRevisions(slug: string, viewer?: Viewer | null): Promise<RevisionRecord[]> {
  await readableBrief(slug, viewer);
  return listRevisions(db(), slug);
}

/** What the reader page needs: the view, the renderable tree, the metadata and the mention index. */
export async function getReaderBrief(slug: string, viewer?: Viewer | null) {
  const brief = await currentRevision(slug, viewer);
  return { view: viewOf(brief), hast: brief.parsed.hast, metadata: brief.record.metadata, mentions: brief.parsed.mentions };
}

/** The brief whose original address (`sourceUrl` or `pdfUrl`) is this URL, if any. */
export async function findBriefBySourceUrl(url: string, viewer?: Viewer | null): Promise<string | null> {
  return (await briefsByAddress(viewer)).get(addressKey(url) ?? "") ?? null;
}

/** Every readable brief's original addresses (`sourceUrl`, `pdfUrl`), by `addressKey`. */
export async function briefsByAddress(viewer?: Viewer | null): Promise<Map<string, string>> {
  const addresses = new Map<string, string>();
  for (const record of await readableBriefs(viewer)) {
    for (const url of [record.metadata.sourceUrl, record.metadata.pdfUrl]) {
      const key = url ? addressKey(url) : null;
      if (key && !addresses.has(key)) addresses.set(key, record.slug);
    }
  }
  return addresses;
}
