/**
 * Use cases for reading briefs: the list, one brief's document, the reader's view of it, its
 * revisions. Pure reads of the library (lib/services/library.ts): nothing here writes; a text
 * changes only through lib/services/library-sync.ts.
 */
import type { BriefText } from "@/lib/anchoring/brief-text";
import { listRevisions, type RevisionRecord } from "@/lib/db/briefs";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import { type BriefSummary, type BriefView, countsOf } from "@/lib/domain/brief";
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
      blocks: section.blocks.map(({ id, kind, parentId, text, mentions }) => ({ id, kind, parentId, text, mentions })),
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
export async function findBriefBySourceUrl(url: string): Promise<string | null> {
  const wanted = normalizeUrl(url);
  if (!wanted) return null;
  const records = await readableBriefs();
  const found = records.find((record) => [record.metadata.sourceUrl, record.metadata.pdfUrl].some((candidate) => candidate && normalizeUrl(candidate) === wanted));
  return found?.slug ?? null;
}

// The same address written differently (a fragment, a trailing slash, the host's case) is the same page.
function normalizeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.hash = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return null;
  }
}
