/**
 * The knowledge base's change log and version counter: every change to an entity, a record, an
 * event or a curated mention is one row here (who, when, the subject before and after), written in
 * the same transaction as the change and a bump of the "knowledge" version, which each server
 * process checks to know its snapshot is stale (lib/services/knowledge.ts).
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";

/** The version counter every change to the knowledge base bumps. */
export const KNOWLEDGE_SCOPE = "knowledge";

export type ChangeSubject = "entity" | "agreement" | "mention";

export type ChangeAction =
  | "create"
  | "update"
  | "delete"
  | "merge"
  | "merged-into"
  | "event-add"
  | "event-update"
  | "event-delete"
  | "mention-add"
  | "mention-delete"
  | "revert"
  | "seed";

/** A change as written. `before`/`after` are the subject's JSON (null where it did not exist). */
export interface ChangeWrite {
  subjectType: ChangeSubject;
  subjectId: string;
  action: ChangeAction;
  before: unknown;
  after: unknown;
  /** What else undoing it needs (the event it is about, what a merge moved). */
  details?: unknown;
  revertOf?: string | null;
  actorId: string | null;
  actorName: string | null;
}

/** A change as the history lists it. */
export interface StoredChange extends Omit<ChangeWrite, "revertOf" | "details"> {
  id: string;
  details: unknown;
  revertOf: string | null;
  createdAt: Date;
}

type Operation = ReturnType<PrismaClient["knowledgeChange"]["create"]> | ReturnType<PrismaClient["contentVersion"]["upsert"]>;

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function changeOf(row: Awaited<ReturnType<PrismaClient["knowledgeChange"]["findMany"]>>[number]): StoredChange {
  return {
    id: row.id,
    subjectType: row.subjectType as ChangeSubject,
    subjectId: row.subjectId,
    action: row.action as ChangeAction,
    before: parse(row.before),
    after: parse(row.after),
    details: parse(row.details),
    revertOf: row.revertOf,
    actorId: row.actorId,
    actorName: row.actorName,
    createdAt: row.createdAt,
  };
}

/** The write of one change, for a caller's transaction. */
export function changeOperation(client: PrismaClient, change: ChangeWrite) {
  return client.knowledgeChange.create({
    data: {
      subjectType: change.subjectType,
      subjectId: change.subjectId,
      action: change.action,
      before: change.before === null || change.before === undefined ? null : JSON.stringify(change.before),
      after: change.after === null || change.after === undefined ? null : JSON.stringify(change.after),
      details: change.details === null || change.details === undefined ? null : JSON.stringify(change.details),
      revertOf: change.revertOf ?? null,
      actorId: change.actorId,
      actorName: change.actorName,
    },
  });
}

/** The bump of the knowledge version, for a caller's transaction. */
export function bumpKnowledge(client: PrismaClient) {
  return client.contentVersion.upsert({ where: { scope: KNOWLEDGE_SCOPE }, create: { scope: KNOWLEDGE_SCOPE, version: 1 }, update: { version: { increment: 1 } } });
}

/** The knowledge base's version: it changes in the same transaction as every change to it. */
export async function knowledgeVersion(client: PrismaClient): Promise<number> {
  const row = await client.contentVersion.findUnique({ where: { scope: KNOWLEDGE_SCOPE }, select: { version: true } });
  return row?.version ?? 0;
}

/**
 * Runs the writes of one change with its log rows and a version bump, as one batch transaction
 * (all or nothing; a guarded update that finds no row fails the batch, P2025).
 */
export async function commitKnowledge(client: PrismaClient, writes: unknown[], changes: ChangeWrite[]): Promise<void> {
  const operations = [...(writes as Operation[]), ...changes.map((change) => changeOperation(client, change)), bumpKnowledge(client)];
  await client.$transaction(operations);
}

/** A subject's changes, newest first. */
export async function listChanges(client: PrismaClient, subjectType: ChangeSubject, subjectId: string, limit = 200): Promise<StoredChange[]> {
  const rows = await client.knowledgeChange.findMany({ where: { subjectType, subjectId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map(changeOf);
}

export async function findChange(client: PrismaClient, id: string): Promise<StoredChange | null> {
  const row = await client.knowledgeChange.findUnique({ where: { id } });
  return row ? changeOf(row) : null;
}

/** Whether a change has been reverted already. */
export async function isReverted(client: PrismaClient, id: string): Promise<boolean> {
  return (await client.knowledgeChange.count({ where: { revertOf: id } })) > 0;
}

/** The ids of suggested terms editors dismissed. */
export async function listDismissedTerms(client: PrismaClient): Promise<Set<string>> {
  return new Set((await client.dismissedSuggestion.findMany({ select: { term: true } })).map((row) => row.term));
}

/** Records that a suggested term is not to be suggested again (once per term). */
export async function dismissTerm(client: PrismaClient, term: string, actorId: string | null): Promise<void> {
  await client.$transaction([client.dismissedSuggestion.upsert({ where: { term }, create: { term, dismissedById: actorId }, update: {} }), bumpKnowledge(client)]);
}
