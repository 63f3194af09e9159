/**
 * What the search index reads of the Annotation table: rows to index (all, or those written
 * since a time), markers to tell what changed, and the rows of the results, read with the
 * annotations API's own `visibleTo` fragment so that a stale index can never show a note its
 * viewer may not see.
 */
import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/domain/account";
import type { NoteRecord } from "@/lib/search/note-index";
import { parseTags, visibleTo } from "./annotations";

const indexed = {
  id: true,
  briefSlug: true,
  authorId: true,
  visibility: true,
  groupId: true,
  body: true,
  tags: true,
  quoteExact: true,
  entityId: true,
  deletedAt: true,
  hiddenAt: true,
  version: true,
  updatedAt: true,
} as const satisfies Prisma.AnnotationSelect;

type IndexedRow = Prisma.AnnotationGetPayload<{ select: typeof indexed }>;

function toRecord(row: IndexedRow): NoteRecord {
  return {
    id: row.id,
    brief: row.briefSlug,
    authorId: row.authorId,
    visibility: row.visibility,
    groupId: row.groupId,
    body: row.body,
    tags: parseTags(row.tags),
    quote: row.quoteExact,
    entityId: row.entityId,
    deleted: row.deletedAt !== null,
    hidden: row.hiddenAt !== null,
    version: row.version,
    updatedAt: row.updatedAt.getTime(),
  };
}

/** One page of every annotation, in id order, after `cursor` (an id). */
export async function notePage(client: PrismaClient, options: { after: string | null; take: number }): Promise<NoteRecord[]> {
  const rows = await client.annotation.findMany({
    select: indexed,
    orderBy: { id: "asc" },
    take: options.take,
    ...(options.after ? { cursor: { id: options.after }, skip: 1 } : {}),
  });
  return rows.map(toRecord);
}

/** Which rows were written at or after `since`: id, version and time only (cheap to ask often). */
export async function changeMarkersSince(client: PrismaClient, since: Date): Promise<{ id: string; version: number; updatedAt: number }[]> {
  const rows = await client.annotation.findMany({ where: { updatedAt: { gte: since } }, select: { id: true, version: true, updatedAt: true } });
  return rows.map((row) => ({ id: row.id, version: row.version, updatedAt: row.updatedAt.getTime() }));
}

/** The rows with these ids, to index. */
export async function notesByIds(client: PrismaClient, ids: string[]): Promise<NoteRecord[]> {
  if (ids.length === 0) return [];
  const rows = await client.annotation.findMany({ where: { id: { in: ids } }, select: indexed });
  return rows.map(toRecord);
}

/** How many annotation rows exist (soft-deleted ones included): a row that vanished changes it. */
export async function countNotes(client: PrismaClient): Promise<number> {
  return client.annotation.count();
}

/** Every annotation id. */
export async function allNoteIds(client: PrismaClient): Promise<string[]> {
  return (await client.annotation.findMany({ select: { id: true } })).map((row) => row.id);
}

const shown = {
  id: true,
  briefSlug: true,
  motivation: true,
  visibility: true,
  body: true,
  tags: true,
  quoteExact: true,
  blockId: true,
  anchorSha: true,
  entityId: true,
  parentId: true,
  modifiedAt: true,
  author: { select: { id: true, name: true } },
  group: { select: { id: true, name: true } },
} as const satisfies Prisma.AnnotationSelect;

export type ShownNote = Omit<Prisma.AnnotationGetPayload<{ select: typeof shown }>, "tags"> & {
  tags: string[];
  /** For a reply: its parent's block, where the reply is shown. */
  parentBlockId: string | null;
};

/** The rows of these ids that the viewer may see now (not deleted, as search shows them). */
export async function visibleNotesByIds(client: PrismaClient, viewer: Viewer, ids: string[]): Promise<ShownNote[]> {
  if (ids.length === 0) return [];
  const rows = await client.annotation.findMany({ where: { AND: [{ id: { in: ids } }, visibleTo(viewer)] }, select: shown });
  // Parents only for replies (few), so the common answer costs two queries, not three.
  const parentIds = [...new Set(rows.flatMap((row) => (row.parentId && !row.blockId ? [row.parentId] : [])))];
  const parents = parentIds.length ? await client.annotation.findMany({ where: { id: { in: parentIds } }, select: { id: true, blockId: true } }) : [];
  const parentBlock = new Map(parents.map((parent) => [parent.id, parent.blockId]));
  return rows.map((row) => ({ ...row, tags: parseTags(row.tags), parentBlockId: row.parentId ? (parentBlock.get(row.parentId) ?? null) : null }));
}
