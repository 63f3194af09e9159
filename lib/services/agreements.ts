/** Use cases for agreement records and entities: lists, one record, CSV, mentions of an entity. */
import { buildAgreementRecords } from "@/lib/content/agreement-records";
import { loadBrief } from "@/lib/content/catalog";
import { loadRegistry } from "@/lib/content/registry";
import type { AgreementRecord } from "@/lib/domain/agreement";
import type { Entity } from "@/lib/domain/entity";
import { AppError } from "@/lib/domain/errors";

/** Every agreement record, with brief events tied to their sentences. */
export async function listAgreements(): Promise<AgreementRecord[]> {
  const registry = await loadRegistry();
  const slugs = [...new Set(registry.agreements.map((agreement) => agreement.brief.slug))];
  const records: AgreementRecord[] = [];
  for (const slug of slugs) {
    const brief = await loadBrief(slug);
    records.push(...buildAgreementRecords(registry.agreements, slug, brief.parsed.document));
  }
  return records;
}

export async function getAgreement(id: string): Promise<AgreementRecord> {
  const record = (await listAgreements()).find((item) => item.id === id);
  if (!record) throw new AppError("not_found", `No agreement record “${id}”`, "id");
  return record;
}

export async function listEntities(): Promise<Entity[]> {
  return (await loadRegistry()).entities;
}

export async function getEntity(id: string): Promise<Entity> {
  const entity = (await loadRegistry()).byId.get(id);
  if (!entity) throw new AppError("not_found", `No entity “${id}”`, "id");
  return entity;
}
