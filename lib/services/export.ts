/**
 * Export use cases: a user's annotations as a W3C AnnotationCollection (JSON-LD), and one
 * brief's notes as a Markdown file. Positions and links refer to the text readers see now.
 *
 * Scope: `own` (the default) is the viewer's own annotations, replies included, deleted ones
 * left out; `visible` adds the shared annotations of others the viewer may see. The JSON-LD
 * export of every brief ends with the annotations on other sources (kept as sent), in the same
 * scope; one brief's export, and the Markdown, hold only that brief's.
 */
import type { BriefText } from "@/lib/anchoring/brief-text";
import { loadKnowledge } from "./knowledge";
import { listAnnotationsForExport } from "@/lib/db/annotations";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import { notFoundAs } from "@/lib/domain/errors";
import { iriScheme, toWebAnnotation } from "@/lib/w3c/web-annotation";
import { type AnnotationCollectionDocument, annotationCollection, type ExportedAnnotation } from "@/lib/export/annotation-collection";
import { notesMarkdown, withVisibleReplies } from "@/lib/export/notes-markdown";
import { type Locale, messages } from "@/lib/i18n/messages";
import { viewOf } from "./briefs";
import { listForeignForExport, renderForeign } from "./foreign-annotations";
import { currentRevision, currentRevisions } from "./library";

export type ExportScope = "own" | "visible";

/** A file to download: its name and contents. */
export interface ExportFile<T> {
  filename: string;
  content: T;
}

const today = (now: Date) => now.toISOString().slice(0, 10);

async function recordIds(): Promise<Set<string>> {
  return new Set((await loadKnowledge()).agreements.map((agreement) => agreement.id));
}

/** The viewer's annotations (every brief, or one) as one AnnotationCollection document. */
export async function exportAnnotations(
  viewer: Viewer,
  options: { origin: string; scope: ExportScope; brief?: string; now?: Date },
): Promise<ExportFile<AnnotationCollectionDocument>> {
  const now = options.now ?? new Date();
  const briefs = options.brief
    ? [await notFoundAs(() => currentRevision(options.brief as string, viewer), "not_found", "brief", `No brief named “${options.brief}”`)]
    : await currentRevisions(viewer);
  const texts = new Map<string, BriefText>(briefs.map((brief) => [brief.slug, brief.text]));
  const annotations = await listAnnotationsForExport(db(), { viewer, scope: options.scope, brief: options.brief });
  const records = await recordIds();
  const iris = iriScheme(options.origin, (id) => records.has(id));
  // A brief no longer in the library has no blocks to count from: its quotes still identify the text.
  const items: ExportedAnnotation[] = annotations.map((annotation) => toWebAnnotation(annotation, { iris, base: options.origin, text: texts.get(annotation.brief) ?? { blocks: [] } }));
  if (!options.brief) {
    for (const foreign of await listForeignForExport(viewer, options.scope)) items.push({ ...renderForeign(foreign, iris), id: iris.annotation(foreign.id) });
  }
  const query = new URLSearchParams({ ...(options.scope === "visible" ? { scope: "visible" } : {}), ...(options.brief ? { brief: options.brief } : {}) }).toString();
  const document = annotationCollection({
    id: `${options.origin.replace(/\/+$/, "")}/api/export/annotations.jsonld${query ? `?${query}` : ""}`,
    base: options.origin,
    label: options.scope === "visible" ? `Annotations visible to ${viewer.name}` : `Annotations by ${viewer.name}`,
    items,
    generated: now,
  });
  return { filename: `annotations-${options.brief ? `${options.brief}-` : ""}${today(now)}.jsonld`, content: document };
}

/** One brief's notes as a Markdown file, with the UI's words in `locale`. */
export async function exportNotesMarkdown(
  viewer: Viewer,
  options: { origin: string; brief: string; scope: ExportScope; locale: Locale; now?: Date },
): Promise<ExportFile<string>> {
  const now = options.now ?? new Date();
  const loaded = await notFoundAs(() => currentRevision(options.brief, viewer), "not_found", "brief", `No brief named “${options.brief}”`);
  const view = viewOf(loaded);
  const { metadata } = loaded.record;
  const listed = await listAnnotationsForExport(db(), { viewer, scope: options.scope, brief: options.brief });
  // Own notes come with the replies colleagues shared on them: the exporter sees those in the reader too.
  const annotations = options.scope === "own" ? withVisibleReplies(listed, await listAnnotationsForExport(db(), { viewer, scope: "visible", brief: options.brief })) : listed;
  const registry = await loadKnowledge();
  const records = new Set(registry.agreements.map((agreement) => agreement.id));
  const entities: Record<string, { name: string; record: boolean }> = {};
  for (const annotation of annotations) {
    const target = annotation.target;
    if (!target || !("entityId" in target)) continue;
    const entity = registry.byId.get(target.entityId);
    entities[target.entityId] = { name: entity ? entity.names[options.locale] : target.entityId, record: records.has(target.entityId) };
  }
  const t = messages[options.locale];
  const markdown = notesMarkdown({
    origin: options.origin,
    brief: {
      slug: view.slug,
      title: view.title,
      byline: view.byline,
      language: view.language,
      author: metadata.author,
      publisher: metadata.publisher,
      published: metadata.published,
      originalUrl: metadata.sourceUrl,
      revision: view.revision,
      sections: view.sections,
    },
    annotations,
    entities,
    exportedAt: now,
    labels: { ...t.exports.fileLabels, motivations: t.notes.motivations, private: t.notes.private, shared: t.notes.shared, group: t.notes.groupLabel, edited: t.notes.edited, reply: t.notes.reply, anchorMoved: t.notes.anchorMoved, anchorFuzzy: t.notes.anchorFuzzy, orphans: t.notes.orphans },
  });
  return { filename: `${options.brief}-notes.md`, content: markdown };
}
