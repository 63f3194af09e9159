/**
 * Annotations on targets elsewhere than this reader, in the database: the only queries of the
 * ForeignAnnotation table. Who may see what is one `where` fragment, with the same rules as the
 * reader's own annotations (lib/db/annotations.ts `visibleTo`). Every write is one statement.
 */
import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/domain/account";
import type { ForeignAnnotation, StoredForeign } from "@/lib/w3c/foreign-annotation";

const withAuthor = { author: { select: { id: true, name: true } } } as const;
type Row = Prisma.ForeignAnnotationGetPayload<{ include: typeof withAuthor }>;
const ORDER = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/**
 * What a viewer may see. Private: its author only. Shared: every signed-in reader, unless
 * deleted (then only its author) or hidden by an admin (then only admins and its author).
 */
export function foreignVisibleTo(viewer: Viewer, options: { includeOwnDeleted?: boolean } = {}): Prisma.ForeignAnnotationWhereInput {
  const own: Prisma.ForeignAnnotationWhereInput = options.includeOwnDeleted ? { authorId: viewer.id } : { authorId: viewer.id, deletedAt: null };
  const shared: Prisma.ForeignAnnotationWhereInput = { visibility: "shared", deletedAt: null, ...(viewer.role === "admin" ? {} : { hiddenAt: null }) };
  return { OR: [own, shared] };
}

function toForeign(row: Row): ForeignAnnotation {
  return {
    id: row.id,
    author: { id: row.author.id, name: row.author.name },
    visibility: row.visibility === "shared" ? "shared" : "private",
    document: row.document,
    source: row.source,
    canonical: row.canonical,
    via: row.via,
    version: row.version,
    created: row.createdAt.toISOString(),
    modified: row.modifiedAt.toISOString(),
    deleted: row.deletedAt !== null,
    hidden: row.hiddenAt !== null,
  };
}

/** How many foreign annotations the viewer may see. */
export async function countVisibleForeign(client: PrismaClient, options: { viewer: Viewer }): Promise<number> {
  return client.foreignAnnotation.count({ where: foreignVisibleTo(options.viewer) });
}

/** One page of them, oldest first (ties by id): the database skips to it. */
export async function pageVisibleForeign(client: PrismaClient, options: { viewer: Viewer; skip: number; take: number }): Promise<ForeignAnnotation[]> {
  const rows = await client.foreignAnnotation.findMany({ where: foreignVisibleTo(options.viewer), include: withAuthor, orderBy: ORDER, skip: options.skip, take: options.take });
  return rows.map(toForeign);
}

/** The ids of the same page. */
export async function pageVisibleForeignIds(client: PrismaClient, options: { viewer: Viewer; skip: number; take: number }): Promise<string[]> {
  const rows = await client.foreignAnnotation.findMany({ where: foreignVisibleTo(options.viewer), select: { id: true }, orderBy: ORDER, skip: options.skip, take: options.take });
  return rows.map((row) => row.id);
}

/** One foreign annotation if the viewer may see it (their own even when deleted), else null. */
export async function findForeign(client: PrismaClient, options: { viewer: Viewer; id: string }): Promise<ForeignAnnotation | null> {
  const row = await client.foreignAnnotation.findFirst({ where: { AND: [{ id: options.id }, foreignVisibleTo(options.viewer, { includeOwnDeleted: true })] }, include: withAuthor });
  return row ? toForeign(row) : null;
}

export interface NewForeign extends StoredForeign {
  /** Given when the caller needs it before storing (an import); else generated. */
  id?: string;
  author: { id: string; name: string };
  visibility: "private" | "shared";
  createdAt?: Date;
  modifiedAt?: Date;
}

function rowOf(input: NewForeign) {
  const now = new Date();
  return {
    ...(input.id ? { id: input.id } : {}),
    authorId: input.author.id,
    visibility: input.visibility,
    document: input.document,
    source: input.source,
    canonical: input.canonical,
    via: input.via,
    createdAt: input.createdAt ?? now,
    modifiedAt: input.modifiedAt ?? input.createdAt ?? now,
  } satisfies Prisma.ForeignAnnotationUncheckedCreateInput;
}

/** Stores a new foreign annotation. */
export async function insertForeign(client: PrismaClient, input: NewForeign): Promise<ForeignAnnotation> {
  const row = await client.foreignAnnotation.create({ data: rowOf(input) });
  return toForeign({ ...row, author: input.author });
}

/** Stores many (an import), each with its id, as one multi-row INSERT per few hundred rows; returns how many. */
export async function insertForeignMany(client: PrismaClient, inputs: (NewForeign & { id: string })[]): Promise<number> {
  const perStatement = 90;
  let stored = 0;
  try {
    for (let at = 0; at < inputs.length; at += perStatement) {
      await client.foreignAnnotation.createMany({ data: inputs.slice(at, at + perStatement).map(rowOf) });
      stored += Math.min(perStatement, inputs.length - at);
    }
  } catch (error) {
    // Leave nothing of a failed import behind, as lib/db/annotations.ts does.
    await client.foreignAnnotation.deleteMany({ where: { id: { in: inputs.slice(0, stored).map((input) => input.id) } } });
    throw error;
  }
  return stored;
}

/** What a change may set (times by the caller). */
export interface ForeignChanges {
  visibility?: "private" | "shared";
  document?: string;
  source?: string;
  canonical?: string | null;
  via?: string | null;
  deletedAt?: Date | null;
  modifiedAt: Date;
}

/** Applies the changes only if the row is still at `version` (one UPDATE); null when it lost the race. */
export async function updateForeignAtVersion(client: PrismaClient, options: { id: string; version: number; changes: ForeignChanges }): Promise<ForeignAnnotation | null> {
  const { count } = await client.foreignAnnotation.updateMany({ where: { id: options.id, version: options.version }, data: { ...options.changes, version: { increment: 1 } } });
  if (count === 0) return null;
  const row = await client.foreignAnnotation.findUnique({ where: { id: options.id }, include: withAuthor });
  return row ? toForeign(row) : null;
}

/**
 * The viewer's own foreign annotations (not deleted), and with `visible` also others' shared ones
 * they may see; oldest first. What the export holds, and the account's "other sources" page lists.
 */
export async function listForeign(client: PrismaClient, options: { viewer: Viewer; scope: "own" | "visible" }): Promise<ForeignAnnotation[]> {
  const where: Prisma.ForeignAnnotationWhereInput = options.scope === "own" ? { authorId: options.viewer.id, deletedAt: null } : foreignVisibleTo(options.viewer);
  const rows = await client.foreignAnnotation.findMany({ where, include: withAuthor, orderBy: ORDER });
  return rows.map(toForeign);
}

/** Every foreign annotation of the author (deleted ones too) with the keys an import recognises. */
export async function listForeignImportKeys(client: PrismaClient, authorId: string): Promise<{ id: string; canonical: string | null; via: string | null; deleted: boolean }[]> {
  const rows = await client.foreignAnnotation.findMany({ where: { authorId }, select: { id: true, canonical: true, via: true, deletedAt: true } });
  return rows.map((row) => ({ id: row.id, canonical: row.canonical, via: row.via, deleted: row.deletedAt !== null }));
}

/** Removes rows outright (only ever the ones an import just wrote, when the rest of it fails). */
export async function deleteForeignById(client: PrismaClient, ids: string[]): Promise<void> {
  for (let at = 0; at < ids.length; at += 900) await client.foreignAnnotation.deleteMany({ where: { id: { in: ids.slice(at, at + 900) } } });
}
