/**
 * Annotations in the database: one module for the Annotation aggregate. Who may see what is
 * one Prisma `where` fragment (`visibleTo`), used by every read, so no query can forget it.
 *
 * Every write is a single INSERT or UPDATE with its row in the event log (lib/db/annotation-events.ts:
 * appended by a trigger on SQLite, in the same batch transaction on PostgreSQL), so nothing is
 * ever half saved and no change goes unannounced. (Interactive
 * transactions are avoided on purpose: the better-sqlite3 adapter runs other requests' queries on
 * the same connection while one is open. lib/database/sqlite-adapter.ts holds their writes back until
 * it ends, but their reads would still see its uncommitted changes.)
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { signalAnnotationEvents } from "@/lib/database/annotation-signal";
import { sqlExecute } from "@/lib/database/direct-sql";
import { isUniqueViolation } from "@/lib/database/prisma-errors";
import type { AnchorStatus } from "@/lib/domain/annotation";
import type { Viewer } from "@/lib/domain/account";
import type { Annotation, AnnotationTarget, Motivation, Visibility } from "@/lib/domain/annotation";
import { appendEvent, appendEvents, appendEventsWhere, eventsByTrigger, serializeEvents } from "./annotation-events";
import { matchesWhere, withoutField } from "./where-match";

const withAuthor = { author: { select: { id: true, name: true } }, group: { select: { id: true, name: true } } } as const;
type Row = Prisma.AnnotationGetPayload<{ include: typeof withAuthor }>;
/** A stored annotation with its author's name, as `toAnnotation` takes it. */
export type AnnotationRow = Row;

/**
 * What a viewer may see. Private: its author only, never anyone else (not even an admin).
 * Group: its author and the members of its group, asked of the membership table in the same
 * query, so someone who leaves a group stops seeing its notes with the next request (an admin
 * outside the group sees none of them). Shared: every signed-in reader. Deleted: only its author;
 * hidden by an admin: only admins and its author.
 */
export function visibleTo(viewer: Viewer, options: { includeOwnDeleted?: boolean } = {}): Prisma.AnnotationWhereInput {
  const own: Prisma.AnnotationWhereInput = options.includeOwnDeleted ? { authorId: viewer.id } : { authorId: viewer.id, deletedAt: null };
  const notHidden: Prisma.AnnotationWhereInput = viewer.role === "admin" ? {} : { hiddenAt: null };
  const shared: Prisma.AnnotationWhereInput = { visibility: "shared", deletedAt: null, ...notHidden };
  const group: Prisma.AnnotationWhereInput = { visibility: "group", deletedAt: null, ...notHidden, group: { is: { members: { some: { userId: viewer.id } } } } };
  return { OR: [own, shared, group] };
}

/**
 * Of these rows, the ids the viewer may see, decided by `visibleTo` and nothing else: evaluated
 * in memory on the loaded row where the fragment is plain column conditions, asked of the
 * database (one query) for whatever it cannot decide there (a relation filter, say). The live
 * stream checks every change against every open reader with it (lib/services/annotation-stream.ts).
 *
 * `beforeDeletion`: whether the viewer could see each row were it not deleted, i.e. before its
 * deletion (visibleTo without its `deletedAt` conditions): who may be told that a note is gone.
 */
export async function visibleAmong(
  client: PrismaClient,
  viewer: Viewer,
  rows: AnnotationRow[],
  options: { includeOwnDeleted?: boolean; beforeDeletion?: boolean } = {},
): Promise<Set<string>> {
  const base = visibleTo(viewer, { includeOwnDeleted: options.includeOwnDeleted });
  const where = options.beforeDeletion ? (withoutField(base, "deletedAt") as Prisma.AnnotationWhereInput) : base;
  const visible = new Set<string>();
  const undecided: string[] = [];
  for (const row of rows) {
    const decided = matchesWhere(where, row as unknown as Record<string, unknown>);
    if (decided === true) visible.add(row.id);
    else if (decided === undefined) undecided.push(row.id);
  }
  if (undecided.length > 0) {
    const found = await client.annotation.findMany({ where: { AND: [{ id: { in: undecided } }, where] }, select: { id: true } });
    for (const row of found) visible.add(row.id);
  }
  return visible;
}

/** Stored rows (with their author's name) by id, whoever may see them: for `visibleAmong`. */
export async function loadAnnotationRows(client: PrismaClient, ids: string[]): Promise<Map<string, AnnotationRow>> {
  const rows = ids.length === 0 ? [] : await client.annotation.findMany({ where: { id: { in: ids } }, include: withAuthor });
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * A page of the ids of a brief's annotations the viewer may see (their own deleted ones too, as
 * the reader lists them), in the list's keyset order; `next` is where the next page starts.
 */
export async function pageVisibleIds(
  client: PrismaClient,
  options: { viewer: Viewer; brief: string; take: number; after?: AnnotationCursor },
): Promise<{ ids: string[]; next: AnnotationCursor | null }> {
  const rows = await client.annotation.findMany({
    where: pageWhere({ ...options, includeOwnDeleted: true }),
    select: { id: true, createdAt: true },
    orderBy: LIST_ORDER,
    take: options.take,
  });
  const last = rows[rows.length - 1];
  return { ids: rows.map((row) => row.id), next: rows.length === options.take && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** Tags are stored as a JSON array in one text column (both providers); anything else reads as none. */
export function parseTags(stored: string): string[] {
  try {
    const tags: unknown = JSON.parse(stored);
    return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : [];
  } catch {
    return [];
  }
}

function targetOf(row: Row): AnnotationTarget | null {
  if (row.entityId) return { entityId: row.entityId };
  if (row.quoteExact === null || row.positionStart === null || row.positionEnd === null) return null;
  return {
    blockId: row.blockId ?? "",
    quote: { exact: row.quoteExact, prefix: row.quotePrefix ?? "", suffix: row.quoteSuffix ?? "" },
    position: { start: row.positionStart, end: row.positionEnd },
  };
}

/** A stored row in the API's shape. */
export function toAnnotation(row: Row): Annotation {
  const target = targetOf(row);
  return {
    id: row.id,
    brief: row.briefSlug,
    motivation: row.motivation as Motivation,
    visibility: row.visibility as Visibility,
    group: row.visibility === "group" && row.group ? { id: row.group.id, name: row.group.name } : null,
    target,
    body: row.body,
    tags: parseTags(row.tags),
    parentId: row.parentId,
    author: { id: row.author.id, name: row.author.name },
    created: row.createdAt.toISOString(),
    modified: row.modifiedAt.toISOString(),
    edited: row.editedAt !== null,
    deleted: row.deletedAt !== null,
    hidden: row.hiddenAt !== null,
    anchor:
      target && "quote" in target && row.anchorStatus && row.anchorSha
        ? { status: row.anchorStatus as AnchorStatus, score: row.anchorScore ?? 0, revision: row.anchorSha }
        : null,
    color: row.color,
    version: row.version,
    canonical: row.canonical,
    via: row.via,
  };
}

/** The annotations of a brief the viewer may see, oldest first. */
export async function listAnnotations(client: PrismaClient, options: { viewer: Viewer; brief: string; includeOwnDeleted?: boolean }): Promise<Annotation[]> {
  const rows = await client.annotation.findMany({
    where: { AND: [{ briefSlug: options.brief }, visibleTo(options.viewer, { includeOwnDeleted: options.includeOwnDeleted })] },
    include: withAuthor,
    orderBy: LIST_ORDER,
  });
  return rows.map(toAnnotation);
}

/** Where a page of a brief's annotations starts: after this one, in (created, id) order. */
export interface AnnotationCursor {
  createdAt: Date;
  id: string;
}

/**
 * The notes after a cursor in (created, id) order, written so the `(briefSlug, createdAt)` index
 * seeks to it: a range on `createdAt` and a filter for the ties (an `OR` of the two, the textbook
 * form, made SQLite scan the brief from its first note for every page).
 */
function afterCursor(after: AnnotationCursor | undefined): Prisma.AnnotationWhereInput[] {
  if (!after) return [];
  return [{ createdAt: { gte: after.createdAt } }, { NOT: { createdAt: after.createdAt, id: { lte: after.id } } }];
}

/** The list's order: by creation, then id (the keyset of its pages). */
const LIST_ORDER: Prisma.AnnotationOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];

/** A page's notes: the brief's, after the cursor, that the viewer may see. */
function pageWhere(options: { viewer: Viewer; brief: string; includeOwnDeleted?: boolean; after?: AnnotationCursor }): Prisma.AnnotationWhereInput {
  return { AND: [{ briefSlug: options.brief }, ...afterCursor(options.after), visibleTo(options.viewer, { includeOwnDeleted: options.includeOwnDeleted })] };
}

/**
 * One page of the annotations of a brief the viewer may see, oldest first, after `after` (keyset:
 * the `(briefSlug, createdAt)` index finds the start, so a page costs the same wherever it is and
 * a note written meanwhile never shifts the pages after it). `next` is where the next page starts,
 * null on the last one.
 */
export async function pageAnnotations(
  client: PrismaClient,
  options: { viewer: Viewer; brief: string; includeOwnDeleted?: boolean; take: number; after?: AnnotationCursor },
): Promise<{ annotations: Annotation[]; next: AnnotationCursor | null }> {
  const rows = await client.annotation.findMany({
    where: pageWhere(options),
    include: withAuthor,
    orderBy: LIST_ORDER,
    take: options.take + 1,
  });
  const more = rows.length > options.take;
  const page = more ? rows.slice(0, options.take) : rows;
  const last = page[page.length - 1];
  return { annotations: page.map(toAnnotation), next: more && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** Where a page of every visible annotation of some briefs is read from, in one fixed order. */
function acrossBriefs(options: { viewer: Viewer; briefs: string[] }): Prisma.AnnotationWhereInput {
  return { AND: [{ briefSlug: { in: options.briefs } }, visibleTo(options.viewer)] };
}

/** Per brief: how many annotations the viewer may see there, and how many of them are the viewer's own. */
export async function noteCountsByBrief(client: PrismaClient, viewer: Viewer): Promise<Map<string, { visible: number; mine: number }>> {
  const [visible, mine] = await Promise.all([
    client.annotation.groupBy({ by: ["briefSlug"], where: visibleTo(viewer), _count: { _all: true } }),
    client.annotation.groupBy({ by: ["briefSlug"], where: { authorId: viewer.id, deletedAt: null }, _count: { _all: true } }),
  ]);
  const counts = new Map<string, { visible: number; mine: number }>();
  for (const row of visible) counts.set(row.briefSlug, { visible: row._count._all, mine: 0 });
  for (const row of mine) counts.set(row.briefSlug, { visible: counts.get(row.briefSlug)?.visible ?? row._count._all, mine: row._count._all });
  return counts;
}

/** How many annotations of these briefs the viewer may see (their deleted ones not counted). */
export async function countVisibleAnnotations(client: PrismaClient, options: { viewer: Viewer; briefs: string[] }): Promise<number> {
  return client.annotation.count({ where: acrossBriefs(options) });
}

/**
 * One page of the annotations of these briefs the viewer may see, oldest first (ties by id), as
 * the protocol container pages them: the database skips to the page, nothing else is loaded.
 */
export async function pageVisibleAnnotations(client: PrismaClient, options: { viewer: Viewer; briefs: string[]; skip: number; take: number }): Promise<Annotation[]> {
  const rows = await client.annotation.findMany({
    where: acrossBriefs(options),
    include: withAuthor,
    orderBy: LIST_ORDER,
    skip: options.skip,
    take: options.take,
  });
  return rows.map(toAnnotation);
}

/** The ids of the same page, for a container asked for IRIs only. */
export async function pageVisibleAnnotationIds(client: PrismaClient, options: { viewer: Viewer; briefs: string[]; skip: number; take: number }): Promise<string[]> {
  const rows = await client.annotation.findMany({
    where: acrossBriefs(options),
    select: { id: true },
    orderBy: LIST_ORDER,
    skip: options.skip,
    take: options.take,
  });
  return rows.map((row) => row.id);
}

/** One annotation if the viewer may see it (their own even when deleted), else null. */
export async function findAnnotation(client: PrismaClient, options: { viewer: Viewer; id: string }): Promise<Annotation | null> {
  const row = await client.annotation.findFirst({
    where: { AND: [{ id: options.id }, visibleTo(options.viewer, { includeOwnDeleted: true })] },
    include: withAuthor,
  });
  return row ? toAnnotation(row) : null;
}

export interface NewAnnotation {
  /** Given by the caller when rows refer to each other before they are stored (an import); else generated. */
  id?: string;
  brief: string;
  /** The viewer making it, as their session gave it (so the answer needs no second read). */
  author: { id: string; name: string };
  parentId: string | null;
  motivation: Motivation;
  visibility: Visibility;
  /** For a `group` annotation: its group (a member's, checked by the caller). */
  group?: { id: string; name: string } | null;
  body: string;
  tags: string[];
  color: string | null;
  target: AnnotationTarget | null;
  /** The brief revision it was made on (and, for a text target, anchored to). */
  revision: string;
  canonical?: string | null;
  via?: string | null;
  /** Kept from elsewhere (an import); now when absent. */
  createdAt?: Date;
  modifiedAt?: Date;
  editedAt?: Date | null;
  /** How a text target sits on `revision`: exact unless the caller re-anchored it (an import). */
  anchor?: { status: AnchorStatus; score: number };
  /** The request's Idempotency-Key and the hash of what it asked for. */
  idempotency?: { key: string; requestHash: string };
}

// Every key is always present (null when empty), so each row binds the same number of values.
function rowOf(input: NewAnnotation) {
  const text = input.target && "quote" in input.target ? input.target : null;
  const anchor = input.anchor ?? { status: "exact" as const, score: 1 };
  const now = new Date();
  return {
    // Given here rather than by the database, so the event row in the same batch can name it.
    id: input.id ?? `c${randomUUID().replace(/-/g, "")}`,
    briefSlug: input.brief,
    authorId: input.author.id,
    parentId: input.parentId,
    motivation: input.motivation,
    visibility: input.visibility,
    groupId: input.visibility === "group" ? (input.group?.id ?? null) : null,
    body: input.body,
    tags: JSON.stringify(input.tags),
    color: input.color,
    entityId: input.target && "entityId" in input.target ? input.target.entityId : null,
    blockId: text?.blockId ?? null,
    quoteExact: text?.quote.exact ?? null,
    quotePrefix: text?.quote.prefix ?? null,
    quoteSuffix: text?.quote.suffix ?? null,
    positionStart: text?.position.start ?? null,
    positionEnd: text?.position.end ?? null,
    revisionSha: input.revision,
    canonical: input.canonical ?? null,
    via: input.via ?? null,
    anchorSha: text ? input.revision : null,
    anchorStatus: text ? anchor.status : null,
    anchorScore: text ? anchor.score : null,
    createdAt: input.createdAt ?? now,
    modifiedAt: input.modifiedAt ?? input.createdAt ?? now,
    editedAt: input.editedAt ?? null,
    idempotencyKey: input.idempotency?.key ?? null,
    requestHash: input.idempotency?.requestHash ?? null,
  } satisfies Prisma.AnnotationUncheckedCreateInput;
}

/**
 * One INSERT of a whole row, as SQL: the note's write path runs it for every note, and Prisma's
 * `create` compiled the same statement anew each time (its query compiler has no plan cache),
 * which cost about as much as the insert itself. Same columns, same values, same defaults. On
 * SQLite it goes past Prisma's engine altogether (lib/database/direct-sql.ts), which compiled even
 * this raw statement on every call.
 */
function insertRowSql(data: ReturnType<typeof rowOf>): Prisma.Sql {
  const columns = Object.keys(data) as (keyof typeof data)[];
  return Prisma.sql`INSERT INTO "Annotation" (${Prisma.raw(columns.map((column) => `"${column}"`).join(", "))}, "updatedAt")
    VALUES (${Prisma.join(columns.map((column) => data[column]))}, ${data.modifiedAt})`;
}

/**
 * Stores a new annotation. With an idempotency key the author has used already (a retry that
 * raced the first attempt), stores nothing and returns null: the caller looks the first one up.
 */
export async function insertAnnotation(client: PrismaClient, input: NewAnnotation & { idempotency?: undefined }): Promise<Annotation>;
export async function insertAnnotation(client: PrismaClient, input: NewAnnotation): Promise<Annotation | null>;
export async function insertAnnotation(client: PrismaClient, input: NewAnnotation): Promise<Annotation | null> {
  const data = rowOf(input);
  try {
    if (eventsByTrigger(client)) await sqlExecute(client, insertRowSql(data));
    else await client.$transaction([...serializeEvents(client), client.$executeRaw(insertRowSql(data)), appendEvent(client, { annotationId: data.id, brief: data.briefSlug, kind: "created" })]);
    signalAnnotationEvents();
    // The row as stored: every column is given above but these, whose defaults are known.
    const row = { ...data, version: 1, updatedAt: data.modifiedAt, deletedAt: null, hiddenAt: null, hiddenById: null };
    return toAnnotation({ ...row, author: input.author, group: row.groupId && input.group ? input.group : null });
  } catch (error) {
    if (input.idempotency && isUniqueViolation(error)) return null;
    throw error;
  }
}

/** The annotation an author made with an idempotency key (deleted or not), with its request hash. */
export async function findByIdempotencyKey(client: PrismaClient, options: { authorId: string; key: string }): Promise<{ annotation: Annotation; requestHash: string | null } | null> {
  const row = await client.annotation.findUnique({
    where: { authorId_idempotencyKey: { authorId: options.authorId, idempotencyKey: options.key } },
    include: withAuthor,
  });
  return row ? { annotation: toAnnotation(row), requestHash: row.requestHash } : null;
}

/**
 * The most values Prisma binds in one SQLite statement; a createMany that needs more is split
 * into several INSERTs inside a transaction, which this adapter does not isolate (see above).
 */
const MAX_BOUND_VALUES = 999;

/**
 * Stores many annotations (each with its `id` given), in the order given, as a few multi-row
 * INSERTs, each one statement. Give parents before their replies: every statement then leaves
 * only replies whose parent is stored. If a statement fails, the rows stored before it are
 * deleted again, so a failed call leaves nothing behind; the error is rethrown.
 */
export async function insertAnnotations(client: PrismaClient, inputs: (NewAnnotation & { id: string })[]): Promise<number> {
  if (inputs.length === 0) return 0;
  const rows = inputs.map(rowOf);
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES / Object.keys(rows[0]).length));
  const stored: string[] = [];
  try {
    for (let at = 0; at < rows.length; at += perStatement) {
      const chunk = rows.slice(at, at + perStatement);
      const events = chunk.map((row) => ({ annotationId: row.id, brief: row.briefSlug, kind: "created" as const }));
      if (eventsByTrigger(client)) await client.annotation.createMany({ data: chunk });
      else await client.$transaction([...serializeEvents(client), client.annotation.createMany({ data: chunk }), appendEvents(client, events)]);
      stored.push(...inputs.slice(at, at + perStatement).map((input) => input.id));
    }
  } catch (error) {
    await deleteAnnotationsById(client, stored);
    throw error;
  } finally {
    if (stored.length > 0) signalAnnotationEvents();
  }
  return stored.length;
}

/** Removes rows outright (only ever the ones an import just wrote, when it fails). */
async function deleteAnnotationsById(client: PrismaClient, ids: string[]): Promise<void> {
  for (let at = 0; at < ids.length; at += MAX_BOUND_VALUES - 1) {
    await client.annotation.deleteMany({ where: { id: { in: ids.slice(at, at + MAX_BOUND_VALUES - 1) } } });
  }
}

/** An annotation of the user, as an import needs it to recognise what was imported before. */
export interface ImportKey {
  id: string;
  brief: string;
  canonical: string | null;
  visibility: Visibility;
  groupId: string | null;
  deleted: boolean;
  /** What it says, for recognising an item that comes without an id. */
  motivation: Motivation;
  body: string;
  quoteExact: string | null;
  entityId: string | null;
}

/** Every annotation of the author (deleted ones too), with its canonical IRI and its content. */
export async function listImportKeys(client: PrismaClient, authorId: string): Promise<ImportKey[]> {
  const rows = await client.annotation.findMany({
    where: { authorId },
    select: { id: true, briefSlug: true, canonical: true, visibility: true, groupId: true, deletedAt: true, motivation: true, body: true, quoteExact: true, entityId: true },
  });
  return rows.map((row) => ({
    id: row.id,
    brief: row.briefSlug,
    canonical: row.canonical,
    visibility: row.visibility as Visibility,
    groupId: row.groupId,
    deleted: row.deletedAt !== null,
    motivation: row.motivation as Motivation,
    body: row.body,
    quoteExact: row.quoteExact,
    entityId: row.entityId,
  }));
}

/**
 * What an export holds: the viewer's own annotations (not deleted), and with `visible` also the
 * shared ones of others they may see; every brief, or one. Oldest first.
 */
export async function listAnnotationsForExport(
  client: PrismaClient,
  options: { viewer: Viewer; scope: "own" | "visible"; brief?: string },
): Promise<Annotation[]> {
  const who: Prisma.AnnotationWhereInput = options.scope === "own" ? { authorId: options.viewer.id, deletedAt: null } : visibleTo(options.viewer);
  const rows = await client.annotation.findMany({
    where: { AND: [who, ...(options.brief ? [{ briefSlug: options.brief }] : [])] },
    include: withAuthor,
    orderBy: LIST_ORDER,
  });
  return rows.map(toAnnotation);
}

/** What a person may change on an annotation (times are set by the caller). */
export interface AnnotationChanges {
  motivation?: Motivation;
  visibility?: Visibility;
  /** Set with every change of visibility: the group of a `group` annotation, else null. */
  groupId?: string | null;
  body?: string;
  tags?: string[];
  color?: string | null;
  editedAt?: Date;
  deletedAt?: Date | null;
  hiddenAt?: Date | null;
  hiddenById?: string | null;
  /** A re-attached text target, anchored exactly on the revision `anchorSha`. */
  blockId?: string;
  quoteExact?: string;
  quotePrefix?: string;
  quoteSuffix?: string;
  positionStart?: number;
  positionEnd?: number;
  anchorSha?: string;
  anchorStatus?: AnchorStatus;
  anchorScore?: number;
  /** W3C `canonical` / `via`, set once when they were unset (the protocol refuses to change them). */
  canonical?: string;
  via?: string;
  modifiedAt: Date;
}

/**
 * Applies the changes only if the annotation is still at `version` (one UPDATE, so a concurrent
 * change in between makes it match nothing). Returns the new state, or null when it lost the race.
 *
 * A change of audience (`visibility` and `groupId`, with `audienceBefore`) carries the replies
 * that had the annotation's audience along, in the same transaction: a reply has its parent's
 * audience (private replies stay private). The replies' statement only matches once the first
 * one has taken the annotation to the new version, so a lost race moves nothing.
 */
export async function updateAnnotationAtVersion(
  client: PrismaClient,
  options: { id: string; version: number; changes: AnnotationChanges; audienceBefore?: { visibility: Visibility; groupId: string | null } },
): Promise<Annotation | null> {
  const { tags, ...rest } = options.changes;
  const update = client.annotation.updateMany({
    where: { id: options.id, version: options.version },
    data: { ...rest, ...(tags ? { tags: JSON.stringify(tags) } : {}), version: { increment: 1 } },
  });
  const before = options.audienceBefore;
  const moves = before && before.visibility !== "private" && options.changes.visibility !== undefined;
  const carryReplies = moves
    ? client.annotation.updateMany({
        where: { parentId: options.id, visibility: before.visibility, groupId: before.groupId, parent: { is: { version: options.version + 1 } } },
        data: { visibility: options.changes.visibility, groupId: options.changes.groupId ?? null, version: { increment: 1 } },
      })
    : null;
  let count: number;
  if (eventsByTrigger(client)) {
    // SQLite's triggers append the events of the annotation and of every reply carried along.
    const [result] = carryReplies ? await client.$transaction([update, carryReplies]) : [await update];
    ({ count } = result);
  } else {
    const lock = serializeEvents(client);
    const results = await client.$transaction([
      ...lock,
      // Appended only if the row is at the version the update below requires. Nothing can write
      // between the two: every annotation write holds the event lock (`serializeEvents`) until
      // it commits.
      appendEventsWhere(client, { ids: [options.id], kind: rest.deletedAt ? "deleted" : "changed", version: options.version }),
      update,
      ...(carryReplies
        ? [
            carryReplies,
            // The replies of an annotation whose audience just changed (a reply that kept its own
            // audience gets an event too, which is harmless: the stream sends its current state).
            client.$executeRawUnsafe(
              `INSERT INTO "AnnotationEvent" ("annotationId", "briefSlug", "kind") SELECT r."id", r."briefSlug", 'changed' FROM "Annotation" r JOIN "Annotation" p ON p."id" = r."parentId" WHERE r."parentId" = $1 AND p."version" = $2`,
              options.id,
              options.version + 1,
            ),
          ]
        : []),
    ]);
    ({ count } = results[lock.length + 1] as Prisma.BatchPayload);
  }
  if (count === 0) return null;
  signalAnnotationEvents();
  const row = await client.annotation.findUnique({ where: { id: options.id }, include: withAuthor });
  return row ? toAnnotation(row) : null;
}

/** A stored text anchor, as re-anchoring needs it. */
export interface StoredAnchor {
  id: string;
  anchorSha: string | null;
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number };
}

/**
 * Whether any text anchor of the brief may refer to another revision than `sha`: the smallest
 * and the largest `anchorSha` of the brief, two lookups in the (briefSlug, anchorSha) index
 * whatever the table's size, where the list below visits every annotation of the brief. NULLs
 * (entity targets, replies) are not counted; every text target has an `anchorSha` (set when it
 * is made and whenever it is re-anchored). Raw SQL because Prisma's aggregate puts both in one
 * SELECT, which SQLite answers by scanning the brief's index range.
 */
export async function hasStaleAnchors(client: PrismaClient, options: { brief: string; sha: string }): Promise<boolean> {
  const rows = await client.$queryRaw<{ lo: string | null; hi: string | null }[]>`
    SELECT (SELECT MIN("anchorSha") FROM "Annotation" WHERE "briefSlug" = ${options.brief}) AS "lo",
           (SELECT MAX("anchorSha") FROM "Annotation" WHERE "briefSlug" = ${options.brief}) AS "hi"`;
  const { lo, hi } = rows[0] ?? { lo: null, hi: null };
  return (lo !== null && lo !== options.sha) || (hi !== null && hi !== options.sha);
}

/** Text-target annotations of a brief whose position refers to another revision than `sha`. */
export async function listStaleAnchors(client: PrismaClient, options: { brief: string; sha: string }): Promise<StoredAnchor[]> {
  const rows = await client.annotation.findMany({
    where: { briefSlug: options.brief, quoteExact: { not: null }, OR: [{ anchorSha: null }, { anchorSha: { not: options.sha } }] },
    select: { id: true, anchorSha: true, quoteExact: true, quotePrefix: true, quoteSuffix: true, positionStart: true, positionEnd: true },
  });
  return rows.map((row) => ({
    id: row.id,
    anchorSha: row.anchorSha,
    quote: { exact: row.quoteExact ?? "", prefix: row.quotePrefix ?? "", suffix: row.quoteSuffix ?? "" },
    position: { start: row.positionStart ?? 0, end: row.positionEnd ?? 0 },
  }));
}

export interface NewAnchor {
  id: string;
  /** The revision the stored anchor referred to; the update applies only if it still does. */
  fromSha: string | null;
  toSha: string;
  status: AnchorStatus;
  score: number;
  /** The new place; absent for an orphan, which keeps its last one. */
  blockId?: string;
  start?: number;
  end?: number;
}

/**
 * The updates that move annotations to new anchors, for a caller's transaction. Each is guarded by
 * the revision it was computed from, so two processes re-anchoring at once do the work once.
 */
export function anchorUpdates(client: PrismaClient, anchors: NewAnchor[]) {
  if (anchors.length === 0) return [];
  const updates = anchors.map((anchor) =>
    client.annotation.updateMany({
      where: { id: anchor.id, anchorSha: anchor.fromSha },
      data: {
        anchorSha: anchor.toSha,
        anchorStatus: anchor.status,
        anchorScore: anchor.score,
        ...(anchor.start !== undefined && anchor.end !== undefined ? { positionStart: anchor.start, positionEnd: anchor.end, blockId: anchor.blockId } : {}),
        version: { increment: 1 },
      },
    }),
  );
  // One "reanchored" event per annotation now on its new revision (a duplicate when another
  // process moved it first is harmless); the caller calls signalAnnotationEvents after commit.
  if (eventsByTrigger(client)) return updates;
  const events = [...new Set(anchors.map((anchor) => anchor.toSha))].flatMap((toSha) =>
    chunksOf(anchors.filter((anchor) => anchor.toSha === toSha).map((anchor) => anchor.id), MAX_BOUND_VALUES - 2).map((ids) =>
      appendEventsWhere(client, { ids, kind: "reanchored", anchorSha: toSha }),
    ),
  );
  return [...serializeEvents(client), ...updates, ...events];
}

function chunksOf<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let at = 0; at < items.length; at += size) chunks.push(items.slice(at, at + size));
  return chunks;
}

/** Stores new anchors for a brief's annotations in one transaction; returns how many moved. */
export async function saveAnchors(client: PrismaClient, anchors: NewAnchor[]): Promise<number> {
  if (anchors.length === 0) return 0;
  const results: unknown[] = await client.$transaction(anchorUpdates(client, anchors));
  signalAnnotationEvents();
  // The updates' counts ({ count }); the lock and the event inserts answer otherwise.
  return results.reduce<number>((sum, result) => sum + (typeof result === "object" && result !== null && "count" in result ? Number(result.count) : 0), 0);
}

/** The ids of the notes on an entity (a merge moves them to the survivor). */
export async function listEntityNoteIds(client: PrismaClient, entityId: string): Promise<string[]> {
  return (await client.annotation.findMany({ where: { entityId }, select: { id: true } })).map((row) => row.id);
}

/**
 * Points the given notes at another entity, with their "changed" events, for a caller's
 * transaction (a merge, or its revert); the caller calls signalAnnotationEvents after commit.
 */
export function retargetEntityNotes(client: PrismaClient, ids: string[], entityId: string) {
  const update = client.annotation.updateMany({ where: { id: { in: ids } }, data: { entityId, version: { increment: 1 } } });
  if (ids.length === 0 || eventsByTrigger(client)) return [update];
  return [...serializeEvents(client), update, ...chunksOf(ids, MAX_BOUND_VALUES - 2).map((chunk) => appendEventsWhere(client, { ids: chunk, kind: "changed" }))];
}
