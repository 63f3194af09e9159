/**
 * Entity use cases, in one place: the list, one entity, where it is mentioned (every brief, read
 * from each revision's mention index), its page (with the agreement records it takes part in),
 * and the hover cards of the entities a brief mentions.
 *
 * Rules: a country takes part in the records it is a party to; an agreement kind in the records
 * of that kind; an agreement record is itself. Mentions are listed brief by brief (slug order),
 * each brief's in document order; only published briefs are counted.
 */
import { loadKnowledge } from "./knowledge";
import type { AgreementRecord } from "@/lib/domain/agreement";
import type { Entity, EntitySummary } from "@/lib/domain/entity";
import { AppError } from "@/lib/domain/errors";
import type { MentionPlace } from "@/lib/domain/mention-place";
import { listAgreements } from "./agreements";
import { currentRevisions } from "./library";

/** Every entity, agreement records included (`kind: "agreement"`). */
export async function listEntities(): Promise<Entity[]> {
  return (await loadKnowledge()).entities;
}

/** One entity; `not_found` for an unknown id. */
export async function getEntity(id: string): Promise<Entity> {
  const entity = (await loadKnowledge()).byId.get(id);
  if (!entity) throw new AppError("not_found", `No entity “${id}”`, "id");
  return entity;
}

/** Every block of every published brief that mentions the entity. */
export async function mentionPlaces(entityId: string): Promise<MentionPlace[]> {
  const briefs = await currentRevisions();
  return briefs.flatMap((brief) => (brief.parsed.mentions.byEntity.get(entityId) ?? []).map((place) => ({ brief: brief.slug, briefTitle: brief.record.title, ...place })));
}

/** The entity, where it is mentioned, and its version (the ETag editing needs; null for a record): `GET /api/entities/<id>`. */
export async function getEntityWithMentions(id: string): Promise<{ entity: Entity; mentions: MentionPlace[]; version: number | null }> {
  const entity = await getEntity(id);
  const version = (await loadKnowledge()).storedById.get(entity.id)?.version ?? null;
  return { entity, mentions: await mentionPlaces(entity.id), version };
}

/** Records an entity takes part in (see the rules above). */
export function relatedRecords(entity: Entity, records: AgreementRecord[]): AgreementRecord[] {
  if (entity.kind === "country") return records.filter((record) => record.parties.includes(entity.id));
  if (entity.kind === "agreement-kind") return records.filter((record) => record.kind === entity.id);
  return [];
}

/** What an entity's page (or a record's) shows. */
export async function entityPage(id: string) {
  const entity = await getEntity(id);
  const [records, mentions] = await Promise.all([listAgreements(), mentionPlaces(entity.id)]);
  const record = records.find((item) => item.id === id) ?? null;
  return { entity, record, related: relatedRecords(entity, records), mentions };
}

/** Hover-card summaries of the given entities (records with status and discrepancies). */
export async function entitySummaries(ids: Iterable<string>): Promise<Record<string, EntitySummary>> {
  const wanted = new Set(ids);
  const [entities, records] = await Promise.all([listEntities(), listAgreements()]);
  const summaries: Record<string, EntitySummary> = {};
  for (const entity of entities) {
    if (!wanted.has(entity.id)) continue;
    const record = records.find((item) => item.id === entity.id);
    summaries[entity.id] = {
      id: entity.id,
      kind: entity.kind,
      names: entity.names,
      description: entity.description,
      ...(record && {
        status: record.status,
        currentStatus: record.currentStatus,
        discrepancies: record.discrepancies.map(({ kind, severity }) => ({ kind, severity })),
      }),
    };
  }
  return summaries;
}
