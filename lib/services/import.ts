/**
 * Import use case: W3C annotations (our own export, the protocol's, Hypothesis's…) stored as the
 * viewer's own, re-anchored on the current text. The plan (lib/import/import-plan.ts) decides
 * everything; this loads what it needs, counts the import as one write, and stores the rows.
 * Items on other sources (no target of this reader's) are kept as sent, as the protocol keeps
 * them (lib/import/foreign-import.ts); a target that is a brief's original (its page or PDF, as
 * a Hypothesis note names it) is that brief.
 */
import { randomUUID } from "node:crypto";
import { loadKnowledge } from "./knowledge";
import { findAnnotation, type ImportKey, insertAnnotations, listImportKeys } from "@/lib/db/annotations";
import { listGroupsOf } from "@/lib/db/groups";
import { deleteForeignById, insertForeignMany, listForeignImportKeys } from "@/lib/db/foreign-annotations";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import { addressKey } from "@/lib/domain/brief";
import { AppError } from "@/lib/domain/errors";
import { mentionCount } from "@/lib/domain/mention-place";
import { iriResolver, iriScheme } from "@/lib/w3c/web-annotation";
import { annotationsOfDocument } from "@/lib/import/annotation-document";
import { foreignItems, type ImportTargetKind, planForeignImport, withBriefTargets } from "@/lib/import/foreign-import";
import { type JsonObject, targetIris } from "@/lib/w3c/foreign-annotation";
import { type ContentTarget, contentKey, type ImportContext, type ImportReport, type KnownAnnotation, parentsOutside, planImport, readImportItems } from "@/lib/import/import-plan";
import { takeWrite } from "./annotations";
import { briefsByAddress } from "./briefs";
import { checkedForeign, findForeignFor } from "./foreign-annotations";
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
  await takeWrite(viewer);
  return oneAtATime(viewer.id, async () => {
    const resolve = iriResolver(options.origin);
    const iris = iriScheme(options.origin);
    const kinds = await targetKinds(viewer, items, options.origin);
    const kindOf = (iri: string): ImportTargetKind => kinds.get(iri) ?? { kind: "foreign" };
    const foreign = foreignItems(items, kindOf);
    // Items on other sources are planned apart; in the reader's plan they are unreadable stand-ins
    // (null), whose errors are taken out of its report below.
    const read = readImportItems(
      items.map((item, index) => (foreign.has(index) ? null : withBriefTargets(item, kindOf))),
      resolve,
    );

    // Every brief the viewer may read, so replies to notes of any brief find their text.
    const current = await currentRevisions(viewer);
    const briefs: ImportContext["briefs"] = new Map(current.map((brief) => [brief.slug, { sha256: brief.sha256, text: brief.text }]));
    const slugs = current.map((brief) => brief.slug);

    const keys = await listImportKeys(db(), viewer.id);
    const known = (key: ImportKey): KnownAnnotation => ({ id: key.id, brief: key.brief, visibility: key.visibility, groupId: key.groupId, deleted: key.deleted });
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
      if (found && !found.deleted) outside.set(iri, { id: found.id, brief: found.brief, visibility: found.visibility, groupId: found.group?.id ?? null, deleted: false });
    }

    const registry = await loadKnowledge();
    const plan = planImport(read, {
      authorId: viewer.id,
      briefs,
      briefFor: (entityId) => (slugs.length === 1 ? slugs[0] : mostMentioning(current, entityId)),
      entities: new Set(registry.byId.keys()),
      existing,
      existingContent,
      outside,
      visibility: options.visibility,
      groups: new Map((await listGroupsOf(db(), viewer.id)).map((group) => [group.id, group.name])),
      now: options.now ?? new Date(),
      newId,
    });
    const foreignPlan = planForeignImport(
      [...foreign].map((index) => ({ index, item: items[index] as JsonObject })),
      {
        existing: await foreignKeys(viewer, keys, items, foreign, options.origin),
        visibility: options.visibility,
        now: options.now ?? new Date(),
        newId,
        problemOf: (stored) => {
          try {
            checkedForeign(stored, iris);
            return null;
          } catch (error) {
            if (error instanceof AppError) return { field: error.field ?? "(item)", message: error.message };
            throw error;
          }
        },
      },
    );
    const report = plan.report;
    report.errors = [...report.errors.filter((error) => !foreign.has(error.index)), ...foreignPlan.errors].sort((a, b) => a.index - b.index);
    report.skipped = [...report.skipped, ...foreignPlan.skipped].sort((a, b) => a.index - b.index);

    const author = { id: viewer.id, name: viewer.name };
    const foreignStored = await insertForeignMany(db(), foreignPlan.rows.map((row) => ({ ...row, author })));
    try {
      report.imported = foreignStored + (await insertAnnotations(db(), plan.rows.map((row) => ({ ...row, author }))));
    } catch (error) {
      // Nothing of a failed import stays: its other sources' rows go too.
      await deleteForeignById(db(), foreignPlan.rows.map((row) => row.id));
      throw error;
    }
    return report;
  });
}

/**
 * What each target IRI of the document is: this reader's by its path (on any origin, as before),
 * an annotation on another source stored here (a reply to it is on another source too), a
 * brief's original, or another source.
 */
async function targetKinds(viewer: Viewer, items: unknown[], origin: string): Promise<Map<string, ImportTargetKind>> {
  const resolve = iriResolver(origin);
  const addresses = await briefsByAddress(viewer);
  const kinds = new Map<string, ImportTargetKind>();
  for (const item of items) {
    if (typeof item !== "object" || item === null || Array.isArray(item)) continue;
    for (const iri of targetIris(item as JsonObject)) {
      if (kinds.has(iri)) continue;
      // A brief's original address first: it is named exactly, and may well have a path like ours
      // (`https://institute.example/briefs/x.pdf`).
      const original = addresses.get(addressKey(iri) ?? "");
      const annotationId = resolve.annotation(iri);
      if (original) {
        kinds.set(iri, { kind: "original", briefIri: iriScheme(origin).brief(original) });
      } else if (annotationId !== null) {
        kinds.set(iri, (await findForeignFor(viewer, annotationId)) ? { kind: "foreign" } : { kind: "reader" });
      } else if (resolve.brief(iri) !== null || resolve.entity(iri) !== null) {
        kinds.set(iri, { kind: "reader" });
      } else {
        kinds.set(iri, { kind: "foreign" });
      }
    }
  }
  return kinds;
}

/**
 * The keys an item on another source is recognised by: every annotation of the viewer's (on
 * briefs or elsewhere) by its IRI on this origin and under any other name of the server (its
 * path), its `canonical` and, for those kept as sent, its `via`.
 */
async function foreignKeys(viewer: Viewer, keys: ImportKey[], items: unknown[], foreign: Set<number>, origin: string): Promise<Map<string, string>> {
  const iris = iriScheme(origin);
  const resolve = iriResolver(origin);
  const existing = new Map<string, string>();
  const ownIds = new Set<string>();
  for (const key of keys) {
    ownIds.add(key.id);
    existing.set(iris.annotation(key.id), key.id);
    if (key.canonical) existing.set(key.canonical, key.id);
  }
  for (const key of await listForeignImportKeys(db(), viewer.id)) {
    ownIds.add(key.id);
    existing.set(iris.annotation(key.id), key.id);
    for (const name of [key.canonical, key.via]) if (name) existing.set(name, key.id);
  }
  for (const index of foreign) {
    const item = items[index] as JsonObject;
    for (const name of [item.canonical, item.id]) {
      const id = typeof name === "string" ? resolve.annotation(name) : null;
      if (typeof name === "string" && id && ownIds.has(id) && !existing.has(name)) existing.set(name, id);
    }
  }
  return existing;
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
