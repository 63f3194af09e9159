/**
 * Import use case: W3C annotations (our own export, the protocol's, Hypothesis's…) stored as the
 * viewer's own, re-anchored on the current text. The plan (lib/import/import-plan.ts) decides
 * everything; this loads what it needs, counts the import as one write, and stores the rows.
 */
import { randomUUID } from "node:crypto";
import { listBriefSlugs, loadBrief } from "@/lib/content/catalog";
import { loadRegistry } from "@/lib/content/registry";
import { findAnnotation, type ImportKey, insertAnnotations, listImportKeys } from "@/lib/db/annotations";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import { AppError } from "@/lib/domain/errors";
import { iriResolver, iriScheme } from "@/lib/w3c/web-annotation";
import { annotationsOfDocument } from "@/lib/import/annotation-document";
import { type ContentTarget, contentKey, type ImportContext, type ImportReport, type KnownAnnotation, parentsOutside, planImport, readImportItems } from "@/lib/import/import-plan";
import { takeWrite } from "./annotations";
import { getCurrentBriefText } from "./briefs";

export type ImportVisibility = "private" | "keep";

// One import per user at a time in this process: two at once would both find nothing imported
// yet and store everything twice.
const running = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const before = running.get(key) ?? Promise.resolve();
  const next = before.then(run, run);
  const settled = next.catch(() => undefined);
  running.set(key, settled);
  try {
    return await next;
  } finally {
    if (running.get(key) === settled) running.delete(key);
  }
}

function newId(): string {
  // Ids are assigned before storing, so replies can name their parents in the same INSERT.
  return `c${randomUUID().replace(/-/g, "")}`;
}

/** Imports a parsed JSON-LD document for the viewer; the report says what became of each item. */
export async function importAnnotations(viewer: Viewer, document: unknown, options: { origin: string; visibility: ImportVisibility; now?: Date }): Promise<ImportReport> {
  const items = annotationsOfDocument(document);
  takeWrite(viewer);
  return oneAtATime(viewer.id, async () => {
    const resolve = iriResolver(options.origin);
    const read = readImportItems(items, resolve);

    // Few briefs live on disk: load them all, so replies to notes of any brief find their text.
    const briefs: ImportContext["briefs"] = new Map();
    const slugs = await listBriefSlugs();
    for (const slug of slugs) {
      try {
        const current = await getCurrentBriefText(slug);
        briefs.set(slug, { sha256: current.sha256, text: current.text });
      } catch (error) {
        // A brief folder with a broken text is left out; its annotations are reported per item.
        if (!(error instanceof AppError)) throw error;
      }
    }

    const iris = iriScheme(options.origin);
    const keys = await listImportKeys(db(), viewer.id);
    const known = (key: ImportKey): KnownAnnotation => ({ id: key.id, brief: key.brief, visibility: key.visibility, deleted: key.deleted });
    const existing = new Map<string, KnownAnnotation>();
    const existingContent = new Map<string, KnownAnnotation>();
    const ownById = new Map<string, KnownAnnotation>();
    for (const key of keys) {
      ownById.set(key.id, known(key));
      existing.set(iris.annotation(key.id), known(key));
      if (key.canonical) existing.set(key.canonical, known(key));
      // Items without ids are recognised by what they say (the importer's own, not deleted).
      const target: ContentTarget | null = key.quoteExact !== null ? { kind: "text", brief: key.brief, exact: key.quoteExact } : key.entityId ? { kind: "entity", entityId: key.entityId } : null;
      if (target && !key.deleted) existingContent.set(contentKey({ motivation: key.motivation, body: key.body, target }), known(key));
    }
    // The viewer's own annotation under another name of this server (localhost or 127.0.0.1, an
    // old host name): the same path names the same row, since ids are unique everywhere.
    for (const item of read) {
      for (const iri of [item.incoming?.canonical, item.incoming?.id]) {
        const own = iri ? ownById.get(resolve.annotation(iri) ?? "") : undefined;
        if (iri && own && !existing.has(iri)) existing.set(iri, own);
      }
    }

    // A reply to a note not in the document may reply to one on this reader the viewer can see.
    const outside = new Map<string, KnownAnnotation>();
    for (const iri of parentsOutside(read)) {
      const id = resolve.annotation(iri);
      const own = id ? ownById.get(id) : undefined;
      if (existing.has(iri) || !id) continue;
      if (own) {
        outside.set(iri, own);
        continue;
      }
      const found = await findAnnotation(db(), { viewer, id });
      if (found && !found.deleted) outside.set(iri, { id: found.id, brief: found.brief, visibility: found.visibility, deleted: false });
    }

    const registry = await loadRegistry();
    const mentions = await mentionCounts(slugs);
    const plan = planImport(read, {
      authorId: viewer.id,
      briefs,
      briefFor: (entityId) => (slugs.length === 1 ? slugs[0] : mostMentioning(mentions, entityId)),
      entities: new Set(registry.byId.keys()),
      existing,
      existingContent,
      outside,
      visibility: options.visibility,
      now: options.now ?? new Date(),
      newId,
    });
    const author = { id: viewer.id, name: viewer.name };
    plan.report.imported = await insertAnnotations(db(), plan.rows.map((row) => ({ ...row, author })));
    return plan.report;
  });
}

/** How often each brief mentions each entity. */
async function mentionCounts(slugs: string[]): Promise<Map<string, Map<string, number>>> {
  const counts = new Map<string, Map<string, number>>();
  for (const slug of slugs) {
    const perEntity = new Map<string, number>();
    try {
      for (const section of (await loadBrief(slug)).parsed.document.sections) {
        for (const block of section.blocks) for (const mention of block.mentions) perEntity.set(mention.entityId, (perEntity.get(mention.entityId) ?? 0) + 1);
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
    counts.set(slug, perEntity);
  }
  return counts;
}

function mostMentioning(counts: Map<string, Map<string, number>>, entityId: string): string | null {
  let best: { slug: string; count: number } | null = null;
  for (const [slug, perEntity] of counts) {
    const count = perEntity.get(entityId) ?? 0;
    if (count > 0 && (!best || count > best.count)) best = { slug, count };
  }
  return best?.slug ?? null;
}
