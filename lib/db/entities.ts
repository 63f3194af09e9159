/**
 * The Entity aggregate's storage: entities of the knowledge base (not agreement records, which are
 * lib/db/agreements.ts). The only queries of the `Entity` table; the rules (who may edit, what a
 * merge moves) are lib/services/knowledge-editing.ts's. Writes are returned as operations for the
 * caller's one transaction (`commitKnowledge`), so a change, its log row and the version bump land
 * together.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { EntityInput } from "@/lib/domain/entity";

/** An entity as stored: the file's shape plus its version (the ETag) and place in its seed file. */
export interface StoredEntity extends EntityInput {
  version: number;
  position: number;
  /** The fingerprint of the seed entry it was last imported from; null if made in the app. */
  seedHash: string | null;
}

type EntityRow = Awaited<ReturnType<PrismaClient["entity"]["findMany"]>>[number];

function aliasesOf(text: string): string[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

function entityOf(row: EntityRow): StoredEntity {
  return {
    id: row.id,
    kind: row.kind as EntityInput["kind"],
    names: { ko: row.nameKo, en: row.nameEn, ...(row.nameJa ? { ja: row.nameJa } : {}) },
    aliases: aliasesOf(row.aliases),
    description: { ko: row.descriptionKo, en: row.descriptionEn },
    ...(row.wikidata ? { wikidata: row.wikidata } : {}),
    version: row.version,
    position: row.position,
    seedHash: row.seedHash,
  };
}

/** The columns of an entity's fields. */
function columns(entity: EntityInput) {
  return {
    kind: entity.kind,
    nameKo: entity.names.ko,
    nameEn: entity.names.en,
    nameJa: entity.names.ja ?? null,
    aliases: JSON.stringify(entity.aliases),
    descriptionKo: entity.description.ko,
    descriptionEn: entity.description.en,
    wikidata: entity.wikidata ?? null,
  };
}

/** Every entity, in seed order (kind, then place in its file, then id). */
export async function listEntityRows(client: PrismaClient): Promise<StoredEntity[]> {
  return (await client.entity.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] })).map(entityOf);
}

export async function findEntityRow(client: PrismaClient, id: string): Promise<StoredEntity | null> {
  const row = await client.entity.findUnique({ where: { id } });
  return row ? entityOf(row) : null;
}

/** Whether any entity has this id. */
export async function entityExists(client: PrismaClient, id: string): Promise<boolean> {
  return (await client.entity.count({ where: { id } })) > 0;
}

/** The place after every entity's: where a new one goes. */
export async function nextEntityPosition(client: PrismaClient): Promise<number> {
  const row = await client.entity.aggregate({ _max: { position: true } });
  return (row._max.position ?? -1) + 1;
}

/** Creates an entity (fails the transaction if the id is taken). */
export function createEntityOperation(client: PrismaClient, entity: EntityInput, options: { position: number; seedHash?: string | null; createdById?: string | null }) {
  return client.entity.create({ data: { id: entity.id, ...columns(entity), position: options.position, seedHash: options.seedHash ?? null, createdById: options.createdById ?? null } });
}

/**
 * Replaces an entity's fields if it is still at `version` (the transaction fails with P2025
 * otherwise: someone else changed it since it was read).
 */
export function updateEntityOperation(client: PrismaClient, entity: EntityInput, options: { version: number; seedHash?: string | null }) {
  return client.entity.update({
    where: { id: entity.id, version: options.version },
    data: { ...columns(entity), version: { increment: 1 }, ...(options.seedHash !== undefined ? { seedHash: options.seedHash } : {}) },
  });
}

/** Removes an entity if it is still at `version`. */
export function deleteEntityOperation(client: PrismaClient, id: string, version: number) {
  return client.entity.delete({ where: { id, version } });
}

/** Puts back an entity that was removed (a reverted merge), at its old place. */
export function restoreEntityOperation(client: PrismaClient, entity: StoredEntity) {
  return client.entity.create({ data: { id: entity.id, ...columns(entity), position: entity.position, seedHash: entity.seedHash, version: entity.version + 1 } });
}
