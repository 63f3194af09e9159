/**
 * The linker's view of the registry: every alias and name of every entity, grouped by first
 * character and longest first, plus which agreement records exist (to resolve a bare `RAA`).
 */
import type { Entity, EntityKind } from "@/lib/domain/entity";

export interface AliasEntry {
  alias: string;
  /** Null when two entities share this alias: ambiguous, so it links to nothing. */
  entityId: string | null;
  kind: EntityKind;
}

export interface EntityIndex {
  /** Aliases by their first character, longest first. */
  byFirstChar: Map<string, AliasEntry[]>;
  /** Ids of existing agreement records, e.g. `raa-jp-gb`. */
  records: Set<string>;
  /** Countries that are Japan's party in some record: a passage about one of them is about its records. */
  partners: Set<string>;
}

/** Builds the index from entities (agreement records included). Pure. */
export function buildEntityIndex(entities: Entity[]): EntityIndex {
  const byAlias = new Map<string, AliasEntry>();
  for (const entity of entities) {
    const surfaces = new Set([...entity.aliases, entity.names.ko, entity.names.en, ...(entity.names.ja ? [entity.names.ja] : [])]);
    for (const raw of surfaces) {
      const alias = raw.normalize("NFC").trim();
      if (alias.length < 2) continue;
      const existing = byAlias.get(alias);
      if (existing && existing.entityId !== entity.id) existing.entityId = null;
      else if (!existing) byAlias.set(alias, { alias, entityId: entity.id, kind: entity.kind });
    }
  }
  const byFirstChar = new Map<string, AliasEntry[]>();
  for (const entry of byAlias.values()) {
    const first = String.fromCodePoint(entry.alias.codePointAt(0) as number);
    const list = byFirstChar.get(first) ?? [];
    list.push(entry);
    byFirstChar.set(first, list);
  }
  for (const list of byFirstChar.values()) list.sort((a, b) => b.alias.length - a.alias.length);
  const records = new Set<string>();
  const partners = new Set<string>();
  for (const entity of entities) {
    if (entity.kind !== "agreement") continue;
    records.add(entity.id);
    for (const party of entity.parties ?? []) if (party !== "jp") partners.add(party);
  }
  return { byFirstChar, records, partners };
}
