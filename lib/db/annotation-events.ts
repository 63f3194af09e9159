/**
 * The annotation event log: one append-only row per change of an annotation (created, changed,
 * deleted, re-anchored), written atomically with the change, so a change and its event are
 * stored together or not at all. The live stream replays it by id.
 *
 * Who writes it: on SQLite, triggers on the Annotation table (in the SQLite migration that made
 * the log), so each annotation write stays a single statement and keeps sharing its commit with
 * other requests' writes (lib/database/sqlite-adapter.ts: a multi-statement transaction would
 * commit, and wait for the disk, alone). On PostgreSQL, lib/db/annotations.ts adds the event rows
 * to the write's batch transaction (the functions below), since a PL/pgSQL trigger body cannot
 * pass through Prisma's migration runner, which splits scripts at semicolons.
 *
 * Ordering: readers resume with `id > last seen`, which is only safe if ids become visible in
 * the order they are given out. SQLite has one writer, so they do. PostgreSQL hands out sequence
 * values before commit, so two concurrent transactions could commit 11 before 10 and a reader
 * that saw 11 would skip 10 for good; every transaction that appends events therefore first
 * takes one transaction-scoped advisory lock (`serializeEvents`), held until it commits, which
 * makes event writers commit one after the other (writes are small; at the rates this app sees
 * the wait is negligible). The same transaction sends `NOTIFY annotation_events`, delivered
 * only if and when it commits, which wakes every app process listening on the database
 * (lib/database/annotation-signal.ts).
 *
 * A duplicate event (two processes re-anchoring at once, a race of two edits) is harmless: the
 * stream sends the annotation's current state, which the reader applies by version.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";

export type AnnotationEventKind = "created" | "changed" | "deleted" | "reanchored";

export interface AnnotationEventRow {
  id: number;
  annotationId: string;
  brief: string;
  kind: AnnotationEventKind;
}

/** Any number will do, as long as every process uses the same one for the event log. */
const EVENT_LOCK = 0x6272_6576; // "brev"
/** The channel lib/database/annotation-signal.ts listens on. */
const EVENT_CHANNEL = "annotation_events";

function isPostgres(client: PrismaClient): boolean {
  return (client as unknown as { _activeProvider?: string })._activeProvider === "postgresql";
}

/** True when the database's own triggers append the events (SQLite): the writer adds none. */
export function eventsByTrigger(client: PrismaClient): boolean {
  return !isPostgres(client);
}

/**
 * For a caller's batch transaction, before its event rows: on PostgreSQL, waits for the event
 * log's advisory lock (released at commit) and queues the NOTIFY that wakes the other
 * processes at commit; on SQLite, nothing (its writers signal this process directly).
 */
export function serializeEvents(client: PrismaClient) {
  if (!isPostgres(client)) return [];
  // Both answer `void`, which Prisma cannot read: selected FROM them, they answer a row count.
  return [client.$executeRawUnsafe(`SELECT 1 FROM pg_advisory_xact_lock(${EVENT_LOCK})`), client.$executeRawUnsafe(`SELECT 1 FROM pg_notify('${EVENT_CHANNEL}', '')`)];
}

/** Appends one event for an annotation whose id and brief are known (a new one). */
export function appendEvent(client: PrismaClient, event: { annotationId: string; brief: string; kind: AnnotationEventKind }) {
  return client.annotationEvent.create({ data: { annotationId: event.annotationId, briefSlug: event.brief, kind: event.kind }, select: { id: true } });
}

/** Appends events for many new annotations at once (an import). */
export function appendEvents(client: PrismaClient, events: { annotationId: string; brief: string; kind: AnnotationEventKind }[]) {
  return client.annotationEvent.createMany({ data: events.map((event) => ({ annotationId: event.annotationId, briefSlug: event.brief, kind: event.kind })) });
}

/**
 * Appends an event for each of these annotations whose row is at `version` / `anchorSha` (when
 * given), with the brief read from the row itself; a guard that matches nothing appends nothing.
 * The time is the database's (the column default). For a caller's batch transaction.
 */
export function appendEventsWhere(client: PrismaClient, options: { ids: string[]; kind: AnnotationEventKind; version?: number; anchorSha?: string }) {
  const conditions = [`"id" IN (${options.ids.map((_, index) => `$${index + 2}`).join(", ")})`];
  const values: unknown[] = [options.kind, ...options.ids];
  if (options.version !== undefined) {
    values.push(options.version);
    conditions.push(`"version" = $${values.length}`);
  }
  if (options.anchorSha !== undefined) {
    values.push(options.anchorSha);
    conditions.push(`"anchorSha" = $${values.length}`);
  }
  const sql = `INSERT INTO "AnnotationEvent" ("annotationId", "briefSlug", "kind") SELECT "id", "briefSlug", $1 FROM "Annotation" WHERE ${conditions.join(" AND ")}`;
  // PostgreSQL numbers its parameters; SQLite takes plain `?`, bound in order of appearance (the
  // same order, since each number first appears after the one before it).
  return client.$executeRawUnsafe(isPostgres(client) ? sql : sql.replace(/\$\d+/g, "?"), ...values);
}

/** The id of the newest event, 0 when there is none. */
export async function latestEventId(client: PrismaClient): Promise<number> {
  const row = await client.annotationEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0;
}

/** Events after `after`, oldest first; of one brief, or of every brief. */
export async function listEventsAfter(client: PrismaClient, options: { after: number; brief?: string; take: number }): Promise<AnnotationEventRow[]> {
  const rows = await client.annotationEvent.findMany({
    where: { id: { gt: options.after }, ...(options.brief ? { briefSlug: options.brief } : {}) },
    orderBy: { id: "asc" },
    take: options.take,
    select: { id: true, annotationId: true, briefSlug: true, kind: true },
  });
  return rows.map((row) => ({ id: row.id, annotationId: row.annotationId, brief: row.briefSlug, kind: row.kind as AnnotationEventKind }));
}
