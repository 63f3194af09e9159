/**
 * The CuratedMention aggregate's storage: editors' decisions about spans of a brief (this span
 * mentions that entity, or nothing), anchored like annotations. The only queries of the table;
 * writes are operations for the caller's one transaction.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { AnchorStatus } from "@/lib/domain/annotation";

/** A decision as stored, with its anchor on the revision `anchorSha`. */
export interface StoredCuratedMention {
  id: string;
  briefSlug: string;
  entityId: string | null;
  anchorSha: string;
  blockId: string;
  /** Code points into the block's text. */
  start: number;
  end: number;
  quote: { exact: string; prefix: string; suffix: string };
  /** Code points into the brief's text. */
  position: { start: number; end: number };
  anchorStatus: AnchorStatus;
  anchorScore: number;
  createdBy: string | null;
  createdAt: Date;
}

/** A new decision, placed on the revision readers see. */
export type CuratedMentionWrite = Omit<StoredCuratedMention, "id" | "createdAt" | "anchorStatus" | "anchorScore" | "createdBy"> & { id?: string; createdById: string | null; createdBy: string | null };

type Row = Awaited<ReturnType<PrismaClient["curatedMention"]["findMany"]>>[number];

function mentionOf(row: Row): StoredCuratedMention {
  return {
    id: row.id,
    briefSlug: row.briefSlug,
    entityId: row.entityId,
    anchorSha: row.anchorSha,
    blockId: row.blockId,
    start: row.start,
    end: row.end,
    quote: { exact: row.quoteExact, prefix: row.quotePrefix, suffix: row.quoteSuffix },
    position: { start: row.positionStart, end: row.positionEnd },
    anchorStatus: row.anchorStatus as AnchorStatus,
    anchorScore: row.anchorScore,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

// The order decisions were made in: of two overlapping, the later stands.
const ORDER = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/** Every decision of every brief, in the order they were made. */
export async function listCuratedMentions(client: PrismaClient): Promise<StoredCuratedMention[]> {
  return (await client.curatedMention.findMany({ orderBy: ORDER })).map(mentionOf);
}

export async function findCuratedMention(client: PrismaClient, id: string): Promise<StoredCuratedMention | null> {
  const row = await client.curatedMention.findUnique({ where: { id } });
  return row ? mentionOf(row) : null;
}

/** A brief's decisions anchored on another revision than `sha` (to re-anchor on it). */
export async function listStaleCuratedMentions(client: PrismaClient, options: { brief: string; sha: string }): Promise<StoredCuratedMention[]> {
  return (await client.curatedMention.findMany({ where: { briefSlug: options.brief, anchorSha: { not: options.sha } }, orderBy: ORDER })).map(mentionOf);
}

/** A brief's decisions that overlap a span of a block on revision `sha` (the ones a new decision there replaces). */
export async function listOverlappingCuratedMentions(client: PrismaClient, options: { brief: string; sha: string; blockId: string; start: number; end: number }): Promise<StoredCuratedMention[]> {
  const rows = await client.curatedMention.findMany({
    where: { briefSlug: options.brief, anchorSha: options.sha, blockId: options.blockId, start: { lt: options.end }, end: { gt: options.start } },
    orderBy: ORDER,
  });
  return rows.map(mentionOf);
}

/** The curated mentions of an entity (a merge moves them). */
export async function listCuratedMentionsOf(client: PrismaClient, entityId: string): Promise<StoredCuratedMention[]> {
  return (await client.curatedMention.findMany({ where: { entityId }, orderBy: ORDER })).map(mentionOf);
}

export function createCuratedMentionOperation(client: PrismaClient, mention: CuratedMentionWrite) {
  return client.curatedMention.create({
    data: {
      ...(mention.id ? { id: mention.id } : {}),
      briefSlug: mention.briefSlug,
      entityId: mention.entityId,
      anchorSha: mention.anchorSha,
      blockId: mention.blockId,
      start: mention.start,
      end: mention.end,
      quoteExact: mention.quote.exact,
      quotePrefix: mention.quote.prefix,
      quoteSuffix: mention.quote.suffix,
      positionStart: mention.position.start,
      positionEnd: mention.position.end,
      createdById: mention.createdById,
      createdBy: mention.createdBy,
    },
  });
}

export function deleteCuratedMentionsOperation(client: PrismaClient, ids: string[]) {
  return client.curatedMention.deleteMany({ where: { id: { in: ids } } });
}

/** Points the given decisions at another entity (a merge, or its revert). */
export function retargetCuratedMentionsOperation(client: PrismaClient, ids: string[], entityId: string) {
  return client.curatedMention.updateMany({ where: { id: { in: ids } }, data: { entityId } });
}

/** A decision's new anchor on another revision (absent place: orphaned, keeps its last one). */
export interface CuratedAnchor {
  id: string;
  fromSha: string;
  toSha: string;
  status: AnchorStatus;
  score: number;
  place?: { blockId: string; start: number; end: number; position: { start: number; end: number } };
}

/** The updates that move decisions to new anchors, each guarded by the revision it was computed from. */
export function curatedAnchorUpdates(client: PrismaClient, anchors: CuratedAnchor[]) {
  return anchors.map((anchor) =>
    client.curatedMention.updateMany({
      where: { id: anchor.id, anchorSha: anchor.fromSha },
      data: {
        anchorSha: anchor.toSha,
        anchorStatus: anchor.status,
        anchorScore: anchor.score,
        ...(anchor.place
          ? { blockId: anchor.place.blockId, start: anchor.place.start, end: anchor.place.end, positionStart: anchor.place.position.start, positionEnd: anchor.place.position.end }
          : {}),
      },
    }),
  );
}
