/**
 * Import use case: W3C annotations (our own export, the protocol's, Hypothesis's…) stored as the
 * viewer's own, re-anchored on the current text. The plan (lib/import/import-plan.ts) decides
 * everything; this loads what it needs, counts the import as one write, and stores the rows.
 */
import { randomUUID } from "node:crypto";
import { loadRegistry } from "@/lib/content/registry";
import { findAnnotation, type ImportKey, insertAnnotations, listImportKeys } from "@/lib/db/annotations";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import { addressKey } from "@/lib/domain/brief";
import { mentionCount } from "@/lib/domain/mention-place";
import { iriResolver, iriScheme } from "@/lib/w3c/web-annotation";
import { annotationsOfDocument } from "@/lib/import/annotation-document";
import { type ContentTarget, contentKey, type ImportContext, type ImportReport, type KnownAnnotation, parentsOutside, planImport, readImportItems } from "@/lib/import/import-plan";
import { takeWrite } from "./annotations";
import { briefsByAddress } from "./briefs";
import { currentRevisions, type LoadedBrief } from "./library";

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
    // A Hypothesis note on the brief's original page or PDF is a note on the brief.
    const ours = iriResolver(options.origin);
    const addresses = await briefsByAddress(viewer);
    const resolve = { ...ours, brief: (iri: string) => ours.brief(iri) ?? addresses.get(addressKey(iri) ?? "") ?? null };
    const read = readImportItems(items, resolve);

    // Every brief the viewer may read, so replies to notes of any brief find their text.
    const current = await currentRevisions(viewer);
    const briefs: ImportContext["briefs"] = new Map(current.map((brief) => [brief.slug, { sha256: brief.sha256, text: brief.text }]));
    const slugs = current.map((brief) => brief.slug);

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
    const plan = planImport(read, {
      authorId: viewer.id,
      briefs,
      briefFor: (entityId) => (slugs.length === 1 ? slugs[0] : mostMentioning(current, entityId)),
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

/** The brief that mentions the entity most often, if any does. */
function mostMentioning(briefs: LoadedBrief[], entityId: string): string | null {
  let best: { slug: string; count: number } | null = null;
  for (const brief of briefs) {
    const count = mentionCount(brief.parsed.mentions, entityId);
    if (count > 0 && (!best || count > best.count)) best = { slug: brief.slug, count };
  }
  return best?.slug ?? null;
}
