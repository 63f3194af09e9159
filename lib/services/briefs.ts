/** Use cases for reading briefs: the list, one brief's document, the reader's view of it. */
import { type LoadedBrief, listBriefSlugs, loadBrief } from "@/lib/content/catalog";
import { listRevisions, type RevisionRecord, recordRevision } from "@/lib/db/brief-revisions";
import { db } from "@/lib/db/prisma";
import { type BriefSummary, type BriefView, countsOf } from "@/lib/domain/brief";
import type { EntitySummary } from "@/lib/domain/entity";
import { listAgreements, listEntities } from "./agreements";

function summaryOf(brief: LoadedBrief): BriefSummary {
  const { document } = brief.parsed;
  return {
    slug: brief.slug,
    // The text's own title and byline win; metadata fills in where the text has none.
    title: document.title?.text ?? brief.metadata.title,
    byline: document.byline?.text ?? [brief.metadata.author, brief.metadata.affiliation, brief.metadata.position].filter(Boolean).join(" "),
    language: brief.metadata.language,
    author: brief.metadata.author,
    affiliation: brief.metadata.affiliation,
    revision: brief.sha256,
    counts: countsOf(document),
  };
}

/** Every brief on disk, in slug order. */
export async function listBriefs(): Promise<BriefSummary[]> {
  const slugs = await listBriefSlugs();
  const briefs = await Promise.all(slugs.map((slug) => loadBrief(slug)));
  return briefs.map(summaryOf);
}

// Revisions already stored by this process; the database upsert makes a repeat harmless anyway.
const recorded = new Set<string>();

/**
 * Stores the text being served as a revision, so that annotations made on it can be re-anchored
 * after the file is edited, even when the edit happens while the server runs.
 */
async function rememberRevision(brief: LoadedBrief, view: BriefView): Promise<void> {
  const key = `${brief.slug}@${brief.sha256}`;
  if (recorded.has(key)) return;
  await recordRevision(db(), { ...view, sha256: brief.sha256, source: brief.source });
  recorded.add(key);
}

/** One brief as the document API returns it. Throws `not_found` for an unknown slug. */
export async function getBriefView(slug: string): Promise<BriefView> {
  const brief = await loadBrief(slug);
  const view = viewOf(brief);
  await rememberRevision(brief, view);
  return view;
}

/** The source revisions the database holds for a brief, newest first. */
export async function getBriefRevisions(slug: string): Promise<RevisionRecord[]> {
  await getBriefView(slug);
  return listRevisions(db(), slug);
}

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

/** What the reader page needs: the view and the renderable tree. */
export async function getReaderBrief(slug: string) {
  const brief = await loadBrief(slug);
  const view = viewOf(brief);
  await rememberRevision(brief, view);
  return { view, hast: brief.parsed.hast, metadata: brief.metadata };
}

/** Hover-card summaries of every entity the brief mentions (records with status and discrepancies). */
export async function mentionSummaries(view: BriefView): Promise<Record<string, EntitySummary>> {
  const ids = new Set(view.sections.flatMap((section) => section.blocks.flatMap((block) => block.mentions.map((mention) => mention.entityId))));
  const [entities, records] = await Promise.all([listEntities(), listAgreements()]);
  const summaries: Record<string, EntitySummary> = {};
  for (const entity of entities) {
    if (!ids.has(entity.id)) continue;
    const record = records.find((item) => item.id === entity.id);
    summaries[entity.id] = {
      id: entity.id,
      kind: entity.kind,
      names: entity.names,
      description: entity.description,
      ...(record && {
        status: record.status,
        currentStatus: record.currentStatus,
        discrepancies: record.discrepancies.map(({ kind, severity }) => ({ kind, severity })),
      }),
    };
  }
  return summaries;
}
