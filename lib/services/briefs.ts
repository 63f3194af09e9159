/** Use cases for reading briefs: the list, one brief's document, the reader's view of it. */
import { type BriefText, briefText } from "@/lib/anchoring/brief-text";
import { type LoadedBrief, listBriefSlugs, loadBrief } from "@/lib/content/catalog";
import { listRevisions, type RevisionRecord, recordRevision } from "@/lib/db/brief-revisions";
import { db } from "@/lib/database/prisma";
import { type BriefSummary, type BriefView, countsOf } from "@/lib/domain/brief";
import { AppError } from "@/lib/domain/errors";
import type { EntitySummary } from "@/lib/domain/entity";
import { listAgreements, listEntities } from "./agreements";
import { reanchorAnnotations } from "./reanchoring";

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
// The plain text of each parsed document, made once: the catalog keeps the same parsed object
// until the source changes.
const texts = new WeakMap<LoadedBrief["parsed"], BriefText>();

function textOf(brief: LoadedBrief): BriefText {
  let text = texts.get(brief.parsed);
  if (!text) {
    text = briefText(brief.parsed.document);
    texts.set(brief.parsed, text);
  }
  return text;
}

/**
 * Stores the text being served as a revision and re-anchors the brief's annotations on it, so
 * highlights follow the text when the file is edited, even while the server runs. The check is
 * made on every call, not only when this process sees a new text: another process may have
 * anchored them to a text this one has not served (or reverted to), and made annotations on it.
 * When nothing is stale it costs two index lookups (`hasStaleAnchors`).
 */
async function rememberRevision(brief: LoadedBrief, view: () => BriefView): Promise<BriefText> {
  const key = `${brief.slug}@${brief.sha256}`;
  if (!recorded.has(key)) {
    await recordRevision(db(), { ...view(), sha256: brief.sha256, source: brief.source });
    recorded.add(key);
  }
  const text = textOf(brief);
  await reanchorAnnotations(brief.slug, text, brief.sha256);
  return text;
}

/**
 * The brief as it is served now, its revision stored and its annotations anchored on it:
 * what annotation use cases validate against. Throws `not_found` for an unknown slug.
 */
export async function getCurrentBriefText(slug: string): Promise<{ slug: string; sha256: string; text: BriefText }> {
  const brief = await loadBrief(slug);
  const text = await rememberRevision(brief, () => viewOf(brief));
  return { slug: brief.slug, sha256: brief.sha256, text };
}

/** One brief as the document API returns it. Throws `not_found` for an unknown slug. */
export async function getBriefView(slug: string): Promise<BriefView> {
  const brief = await loadBrief(slug);
  const view = viewOf(brief);
  await rememberRevision(brief, () => view);
  return view;
}

/** A URL as compared with a brief's original: parsed (case of the host, default port), without its fragment. */
function comparableUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.hash = "";
    return parsed.href;
  } catch {
    return null;
  }
}

/**
 * The brief whose original is published at `url` (its metadata's `sourceUrl`), or null: an
 * annotation made on the original elsewhere belongs to that brief here.
 */
export async function findBriefBySourceUrl(url: string): Promise<string | null> {
  const wanted = comparableUrl(url);
  if (!wanted) return null;
  for (const slug of await listBriefSlugs()) {
    try {
      const { sourceUrl } = (await loadBrief(slug)).metadata;
      if (sourceUrl && comparableUrl(sourceUrl) === wanted) return slug;
    } catch (error) {
      // A brief whose metadata cannot be read right now names no original.
      if (!(error instanceof AppError)) throw error;
    }
  }
  return null;
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
  await rememberRevision(brief, () => view);
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
