/**
 * Plans the import of annotations on other sources (targets that are not this reader's): which
 * items of a document they are, and the rows to store, without touching the database. They are
 * kept as sent (lib/w3c/foreign-annotation.ts), recognised on a second import like the reader's
 * own, and reported per item by their index in the document. Pure.
 */
import { type JsonObject, type StoredForeign, storedForeign, targetIris } from "@/lib/w3c/foreign-annotation";

/** What one target IRI is: this reader's (by its path), a brief's original (then the brief's IRI), or another source. */
export type ImportTargetKind = { kind: "reader" } | { kind: "original"; briefIri: string } | { kind: "foreign" };

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The indices of the items that are on other sources: every target names another source, or an
 * item of the document that is itself on another source (a reply to it). An item mixing both
 * kinds stays with the reader's, whose checks refuse it.
 */
export function foreignItems(items: unknown[], kindOf: (iri: string) => ImportTargetKind): Set<number> {
  const foreign = new Set<number>();
  const namesOf = (item: JsonObject) => [item.id, item.canonical].filter((name): name is string => typeof name === "string");
  for (let changed = true; changed; ) {
    changed = false;
    const foreignNames = new Set([...foreign].flatMap((index) => namesOf(items[index] as JsonObject)));
    items.forEach((item, index) => {
      if (foreign.has(index) || !isObject(item)) return;
      const iris = targetIris(item);
      const targets = Array.isArray(item.target) ? item.target.length : item.target === undefined ? 0 : 1;
      if (iris.length === 0 || iris.length !== targets) return;
      if (iris.every((iri) => foreignNames.has(iri) || kindOf(iri).kind === "foreign")) {
        foreign.add(index);
        changed = true;
      }
    });
  }
  return foreign;
}

/** An item with the targets that name a brief's original pointed at the brief instead. */
export function withBriefTargets(item: unknown, kindOf: (iri: string) => ImportTargetKind): unknown {
  if (!isObject(item)) return item;
  const swap = (target: unknown): unknown => {
    const iri = typeof target === "string" ? target : isObject(target) ? (typeof target.source === "string" ? target.source : isObject(target.source) ? target.source.id : undefined) : undefined;
    if (typeof iri !== "string") return target;
    const kind = kindOf(iri);
    if (kind.kind !== "original") return target;
    return typeof target === "string" ? kind.briefIri : { ...(target as JsonObject), source: kind.briefIri };
  };
  if (item.target === undefined) return item;
  return { ...item, target: Array.isArray(item.target) ? item.target.map(swap) : swap(item.target) };
}

/** A foreign annotation an import stores. */
export interface PlannedForeign extends StoredForeign {
  id: string;
  visibility: "private" | "shared";
  createdAt: Date;
  modifiedAt: Date;
}

export interface ForeignImportContext {
  /** The user's foreign annotations (and the reader's) by key: each one's IRI, `canonical` and `via`. */
  existing: Map<string, string>;
  visibility: "private" | "keep";
  now: Date;
  newId: () => string;
  /** A problem that keeps the stored form from being served (the model's MUSTs), or null. */
  problemOf: (stored: StoredForeign) => { field: string; message: string } | null;
}

export interface ForeignImportPlan {
  rows: PlannedForeign[];
  skipped: { index: number; id: string | null; reason: "already_imported" | "duplicate"; existingId?: string }[];
  errors: { index: number; id: string | null; field: string; message: string }[];
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function keptTime(value: unknown, now: Date): Date | undefined {
  if (typeof value !== "string" || !ISO_TIME.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) && time <= now.getTime() ? new Date(time) : undefined;
}

/**
 * The rows for the foreign items of a document. Key: `canonical`, else `id`; one the user has is
 * `already_imported`, a second one in the document a `duplicate`. Private unless the import keeps
 * visibility; `created`/`modified` kept when they are ISO dates not in the future.
 */
export function planForeignImport(entries: { index: number; item: JsonObject }[], context: ForeignImportContext): ForeignImportPlan {
  const plan: ForeignImportPlan = { rows: [], skipped: [], errors: [] };
  const seen = new Set<string>();
  for (const { index, item } of entries) {
    const id = typeof item.id === "string" ? item.id : null;
    const key = typeof item.canonical === "string" ? item.canonical : id;
    const known = [item.canonical, id].map((name) => (typeof name === "string" ? context.existing.get(name) : undefined)).find(Boolean);
    if (known) {
      plan.skipped.push({ index, id, reason: "already_imported", existingId: known });
      continue;
    }
    if (key !== null && seen.has(key)) {
      plan.skipped.push({ index, id, reason: "duplicate" });
      continue;
    }
    const stored = storedForeign(item, { fromClient: true });
    const problem = context.problemOf(stored);
    if (problem) {
      plan.errors.push({ index, id, ...problem });
      continue;
    }
    if (key !== null) seen.add(key);
    const createdAt = keptTime(item.created, context.now) ?? keptTime(item.modified, context.now) ?? context.now;
    const modified = keptTime(item.modified, context.now) ?? createdAt;
    const visibility = context.visibility === "keep" && item["reader:visibility"] === "shared" ? "shared" : "private";
    plan.rows.push({ ...stored, id: context.newId(), visibility, createdAt, modifiedAt: modified < createdAt ? createdAt : modified });
  }
  return plan;
}
