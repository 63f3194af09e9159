/** What the entity and agreement pages show, gathered in one place so the pages stay thin. */
import type { AgreementRecord } from "@/lib/domain/agreement";
import type { Entity } from "@/lib/domain/entity";
import { getEntity, listAgreements } from "./agreements";
import { mentionPlaces } from "./entities";

/** Records an entity takes part in: a country's agreements, a kind's records, a record itself. */
export function relatedRecords(entity: Entity, records: AgreementRecord[]): AgreementRecord[] {
  if (entity.kind === "country") return records.filter((record) => record.parties.includes(entity.id) && entity.id !== "jp");
  if (entity.kind === "agreement-kind") return records.filter((record) => record.kind === entity.id);
  return [];
}

export async function entityPage(id: string) {
  const entity = await getEntity(id);
  const records = await listAgreements();
  const record = records.find((item) => item.id === id) ?? null;
  return { entity, record, related: relatedRecords(entity, records), mentions: await mentionPlaces(entity) };
}
