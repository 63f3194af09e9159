/**
 * The Agreement aggregate's storage: agreement records and their events (each with its basis and
 * who added it). The only queries of `Agreement` and `AgreementEvent`; writes are operations for
 * the caller's one transaction (`commitKnowledge`), the rules are lib/services/knowledge-editing.ts's.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { AgreementKind, AgreementStatus, EventBasis, EventKind, SourceTier } from "@/lib/domain/agreement";
import type { AgreementData, CuratedEvent } from "@/lib/domain/agreement-data";

/** A record as stored: its data (events in curated order) with versions and its place in its seed file. */
export interface StoredAgreement extends AgreementData {
  version: number;
  position: number;
  seedHash: string | null;
  events: (CuratedEvent & { id: string; version: number; position: number })[];
}

type EventRow = Awaited<ReturnType<PrismaClient["agreementEvent"]["findMany"]>>[number];
type AgreementRow = Awaited<ReturnType<PrismaClient["agreement"]["findMany"]>>[number] & { events: EventRow[] };

function aliasesOf(text: string): string[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

function eventOf(row: EventRow): StoredAgreement["events"][number] {
  const event: StoredAgreement["events"][number] = { id: row.id, version: row.version, position: row.position, basis: row.basis as EventBasis, kind: row.kind as EventKind };
  if (row.date !== null) event.date = row.date;
  if (row.briefSlug !== null) event.brief = row.briefSlug;
  if (row.quote !== null) event.quote = row.quote;
  if (row.sourceUrl !== null && row.sourcePublisher !== null && row.sourceTier !== null) event.source = { url: row.sourceUrl, publisher: row.sourcePublisher, tier: row.sourceTier as SourceTier };
  if (row.unverified) event.unverified = true;
  if (row.note !== null) event.note = row.note;
  if (row.addedBy !== null) event.addedBy = row.addedBy;
  return event;
}

function agreementOf(row: AgreementRow): StoredAgreement {
  return {
    id: row.id,
    kind: row.kind as AgreementKind,
    parties: [row.partyA, row.partyB],
    names: { ko: row.nameKo, en: row.nameEn, ...(row.nameJa ? { ja: row.nameJa } : {}) },
    aliases: aliasesOf(row.aliases),
    description: { ko: row.descriptionKo, en: row.descriptionEn },
    brief: { slug: row.briefSlug, status: row.briefStatus as AgreementStatus },
    events: row.events.map(eventOf),
    version: row.version,
    position: row.position,
    seedHash: row.seedHash,
  };
}

const withEvents = { events: { orderBy: [{ position: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }] } };

/** Every record with its events, in seed order (partner, place in its file). */
export async function listAgreementRows(client: PrismaClient): Promise<StoredAgreement[]> {
  return (await client.agreement.findMany({ orderBy: [{ partyB: "asc" }, { position: "asc" }, { id: "asc" }], include: withEvents })).map(agreementOf);
}

export async function findAgreementRow(client: PrismaClient, id: string): Promise<StoredAgreement | null> {
  const row = await client.agreement.findUnique({ where: { id }, include: withEvents });
  return row ? agreementOf(row) : null;
}

/** The place after every record's: where a new one goes. */
export async function nextAgreementPosition(client: PrismaClient): Promise<number> {
  const row = await client.agreement.aggregate({ _max: { position: true } });
  return (row._max.position ?? -1) + 1;
}

function recordColumns(data: AgreementData) {
  return {
    kind: data.kind,
    partyA: data.parties[0],
    partyB: data.parties[1],
    nameKo: data.names.ko,
    nameEn: data.names.en,
    nameJa: data.names.ja ?? null,
    aliases: JSON.stringify(data.aliases),
    descriptionKo: data.description.ko,
    descriptionEn: data.description.en,
    briefSlug: data.brief.slug,
    briefStatus: data.brief.status,
  };
}

function eventColumns(event: CuratedEvent) {
  return {
    basis: event.basis,
    kind: event.kind,
    date: event.date ?? null,
    briefSlug: event.basis === "brief" ? (event.brief ?? null) : null,
    quote: event.basis === "brief" ? (event.quote ?? null) : null,
    note: event.note ?? null,
    sourceUrl: event.source?.url ?? null,
    sourcePublisher: event.source?.publisher ?? null,
    sourceTier: event.source?.tier ?? null,
    unverified: event.unverified === true,
    addedBy: event.addedBy ?? null,
  };
}

/**
 * The writes that make a record exactly `data` (a seed import, or a reverted merge): the record
 * upserted, its events replaced (ids kept where given).
 */
export function replaceAgreementOperations(client: PrismaClient, data: AgreementData, options: { position: number; seedHash?: string | null; createdById?: string | null }) {
  const columns = recordColumns(data);
  return [
    client.agreement.upsert({
      where: { id: data.id },
      create: { id: data.id, ...columns, position: options.position, seedHash: options.seedHash ?? null, createdById: options.createdById ?? null },
      update: { ...columns, position: options.position, version: { increment: 1 }, ...(options.seedHash !== undefined ? { seedHash: options.seedHash } : {}) },
    }),
    client.agreementEvent.deleteMany({ where: { agreementId: data.id } }),
    ...data.events.map((event, index) =>
      client.agreementEvent.create({ data: { ...(event.id ? { id: event.id } : {}), agreementId: data.id, ...eventColumns(event), position: index } }),
    ),
  ];
}

/** Marks a record changed (its version is the ETag of its events), if still at `version`. */
export function touchAgreementOperation(client: PrismaClient, id: string, version: number) {
  return client.agreement.update({ where: { id, version }, data: { version: { increment: 1 } } });
}

/** Adds an event to a record, at `position`. */
export function createEventOperation(client: PrismaClient, agreementId: string, event: CuratedEvent, options: { id?: string; position: number; addedById: string | null }) {
  return client.agreementEvent.create({ data: { ...(options.id ? { id: options.id } : {}), agreementId, ...eventColumns(event), position: options.position, addedById: options.addedById } });
}

/** Replaces an event's fields if it is still at `version`. */
export function updateEventOperation(client: PrismaClient, id: string, event: CuratedEvent, version: number) {
  return client.agreementEvent.update({ where: { id, version }, data: { ...eventColumns(event), version: { increment: 1 } } });
}

/** Removes an event if it is still at `version`. */
export function deleteEventOperation(client: PrismaClient, id: string, version: number) {
  return client.agreementEvent.delete({ where: { id, version } });
}

/** Removes a record and its events (a merged record), if still at `version`. */
export function deleteAgreementOperation(client: PrismaClient, id: string, version: number) {
  return client.agreement.delete({ where: { id, version } });
}

/** Moves every event of one record to another (a merge), after the survivor's own. */
export function moveEventsOperation(client: PrismaClient, from: string, to: string, offset: number) {
  return client.agreementEvent.updateMany({ where: { agreementId: from }, data: { agreementId: to, position: { increment: offset } } });
}

/** The records that name an entity as a party or as their kind: a merge of it would break their ids. */
export async function agreementsReferring(client: PrismaClient, entityId: string): Promise<string[]> {
  const rows = await client.agreement.findMany({ where: { OR: [{ partyA: entityId }, { partyB: entityId }, { kind: entityId }] }, select: { id: true } });
  return rows.map((row) => row.id);
}
