/**
 * The knowledge base written out as the seed files it came from (`content/entities/<kind>.json`,
 * `content/agreements/jp-<partner>.json`): one fixed layout and key order, so an export of an
 * unchanged knowledge base is byte for byte the files it was seeded from, and a curated one is
 * a reviewable diff. Pure: data in, file texts out.
 */
import { type AgreementData, agreementInputOf } from "@/lib/domain/agreement-data";
import type { EntityInput, EntityKind } from "@/lib/domain/entity";

/** The seed file of each entity kind (agreement records have their own folder). */
export const ENTITY_FILES: Record<Exclude<EntityKind, "agreement">, string> = {
  "agreement-kind": "agreement-kinds",
  alliance: "alliances",
  concept: "concepts",
  country: "countries",
  document: "documents",
  event: "events",
  framework: "frameworks",
  organization: "organizations",
  person: "people",
  region: "regions",
  ship: "ships",
};

/** One entity in the file's shape, keys in the files' order. */
export function entityFileEntry(entity: EntityInput): Record<string, unknown> {
  return {
    id: entity.id,
    kind: entity.kind,
    names: { ko: entity.names.ko, en: entity.names.en, ...(entity.names.ja ? { ja: entity.names.ja } : {}) },
    aliases: [...entity.aliases],
    description: { ko: entity.description.ko, en: entity.description.en },
    ...(entity.wikidata ? { wikidata: entity.wikidata } : {}),
  };
}

const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The files, by path relative to the content folder (`entities/countries.json`), sorted by path.
 * Entities and records come in the order given (their places in the knowledge base).
 */
export function knowledgeFiles(entities: readonly EntityInput[], agreements: readonly AgreementData[]): Map<string, string> {
  const groups = new Map<string, unknown[]>();
  const add = (path: string, entry: unknown) => {
    const list = groups.get(path) ?? [];
    list.push(entry);
    groups.set(path, list);
  };
  for (const entity of entities) add(`entities/${ENTITY_FILES[entity.kind]}.json`, entityFileEntry(entity));
  for (const agreement of agreements) add(`agreements/${agreement.parties[0]}-${agreement.parties[1]}.json`, agreementInputOf(agreement));
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([path, entries]) => [path, text(entries)]));
}
