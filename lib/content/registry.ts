/**
 * The knowledge base's shape for the linker and the pages (`Registry`: entities, records as
 * entities, agreement data, a signature of it all), made from whatever holds it: the database
 * (lib/services/knowledge.ts) or the seed files in content/ (`loadRegistry`, for the seed import,
 * tests and tools). The seed files (`content/entities/*.json`, `content/agreements/*.json`) are
 * validated with zod at load: a bad file fails with a message naming the file, the entry and the
 * field. Reloaded when a file changes.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { z } from "zod";
import { type AgreementInput, agreementInputSchema } from "@/lib/domain/agreement";
import { type AgreementData, agreementDataOf } from "@/lib/domain/agreement-data";
import { type Entity, type EntityInput, entitySchema } from "@/lib/domain/entity";
import { AppError, firstProblem } from "@/lib/domain/errors";
import { type FileStamp, fileStamp, unchanged } from "./file-stamp";
import { buildEntityIndex, type EntityIndex } from "./linking/entity-index";

export interface Registry {
  /** Every entity, agreement records included (`kind: "agreement"`). */
  entities: Entity[];
  byId: Map<string, Entity>;
  agreements: AgreementData[];
  /** Changes whenever any entity or record changes; part of the parse cache key. */
  signature: string;
}

/** The entity an agreement record is to the linker and the pages. */
export function recordEntity(agreement: AgreementData): Entity {
  return {
    id: agreement.id,
    kind: "agreement",
    names: agreement.names,
    aliases: agreement.aliases,
    description: agreement.description,
    agreementKind: agreement.kind,
    parties: [...agreement.parties],
  };
}

/**
 * The registry of these entities and records. Refuses an id used twice, a party that is not a
 * country, a kind with no agreement-kind entity. Pure.
 */
export function registryOf(plain: (EntityInput | Entity)[], agreements: AgreementData[]): Registry {
  const entities: Entity[] = [...plain, ...agreements.map(recordEntity)];
  const byId = new Map<string, Entity>();
  for (const entity of entities) {
    if (byId.has(entity.id)) throw new AppError("invalid_content", `Entity id “${entity.id}” is used twice in content/`, "id");
    byId.set(entity.id, entity);
  }
  for (const agreement of agreements) {
    for (const party of agreement.parties) {
      if (byId.get(party)?.kind !== "country") {
        throw new AppError("invalid_content", `content/agreements: entry “${agreement.id}”: field parties: “${party}” is not a country entity`, "parties");
      }
    }
    if (byId.get(agreement.kind)?.kind !== "agreement-kind") {
      throw new AppError("invalid_content", `content/agreements: entry “${agreement.id}”: field kind: no agreement-kind entity “${agreement.kind}”`, "kind");
    }
  }
  // The signature follows the content, not where it came from: the same data read again keeps
  // the parsed briefs that depend on it. Event ids and versions are left out (they link nothing).
  const linked = agreements.map((agreement) => ({ ...agreement, version: undefined, events: agreement.events.map((event) => ({ ...event, id: undefined, version: undefined })) }));
  const signature = createHash("sha256").update(JSON.stringify([plain, linked])).digest("hex").slice(0, 16);
  return { entities, byId, agreements, signature };
}

export function contentRoot(): string {
  return process.env.CONTENT_DIR ?? join(/* turbopackIgnore: true */ process.cwd(), "content");
}

async function jsonFiles(dir: string): Promise<string[]> {
  const names = await readdir(/* turbopackIgnore: true */ dir).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith(".json")).sort().map((name) => join(/* turbopackIgnore: true */ dir, name));
}

/** Parses one file of entries, naming the file, the entry and the field of the first problem. */
async function readEntries<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>[]> {
  const display = relative(process.cwd(), file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new AppError("invalid_content", `${display}: ${(error as Error).message}`, display);
  }
  if (!Array.isArray(raw)) throw new AppError("invalid_content", `${display}: expected a JSON array of entries`, display);
  return raw.map((entry, index) => {
    const result = schema.safeParse(entry);
    if (result.success) return result.data;
    const id = typeof entry === "object" && entry && "id" in entry ? ` (“${String((entry as { id: unknown }).id)}”)` : "";
    const { field, message } = firstProblem(result.error, "(entry)");
    throw new AppError("invalid_content", `${display}: entry ${index}${id}: field ${field}: ${message}`, field);
  });
}

interface Listing {
  /** Stamps of the two folders when they were listed: adding, removing or renaming a file changes them. */
  folders: (FileStamp | null)[];
  entityFiles: string[];
  agreementFiles: string[];
}

let cached: { root: string; listing: Listing; stamps: (FileStamp | null)[]; registry: Registry } | null = null;

async function listFiles(entitiesDir: string, agreementsDir: string, now: number): Promise<Listing> {
  const folders = [fileStamp(entitiesDir, now), fileStamp(agreementsDir, now)];
  if (cached && unchanged(cached.listing.folders, folders)) return cached.listing;
  return { folders, entityFiles: await jsonFiles(entitiesDir), agreementFiles: await jsonFiles(agreementsDir) };
}

/**
 * Loads (or returns the cached) registry of the seed files. Checking whether they changed costs
 * a `stat` of both folders and of each file, no reads. The app reads the database instead
 * (lib/services/knowledge.ts); this is the seed import's, the tests' and the tools'.
 */
export async function loadRegistry(root = contentRoot()): Promise<Registry> {
  const now = Date.now();
  if (cached && cached.root !== root) cached = null;
  const listing = await listFiles(join(/* turbopackIgnore: true */ root, "entities"), join(/* turbopackIgnore: true */ root, "agreements"), now);
  const { entityFiles, agreementFiles } = listing;
  const stamps = [...entityFiles, ...agreementFiles].map((file) => fileStamp(file, now));
  if (cached && cached.listing === listing && unchanged(cached.stamps, stamps)) return cached.registry;

  const entities: EntityInput[] = [];
  for (const file of entityFiles) entities.push(...(await readEntries(file, entitySchema)));
  const agreements: AgreementInput[] = [];
  for (const file of agreementFiles) agreements.push(...(await readEntries(file, agreementInputSchema)));
  const registry = registryOf(entities, agreements.map(agreementDataOf));
  cached = { root, listing, stamps, registry };
  return registry;
}

let indexCache: { signature: string; index: EntityIndex } | null = null;

/** The linker's index for a registry (the seed files' without one), rebuilt only when its signature changes. */
export async function loadEntityIndex(registry?: Registry): Promise<EntityIndex> {
  const current = registry ?? (await loadRegistry());
  if (indexCache?.signature !== current.signature) indexCache = { signature: current.signature, index: buildEntityIndex(current.entities) };
  return indexCache.index;
}
