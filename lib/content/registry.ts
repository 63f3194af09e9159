/**
 * The curated data in content/: entities (`content/entities/*.json`) and agreement records
 * (`content/agreements/*.json`), validated with zod at load. A bad file fails with a message
 * naming the file, the entry and the field. Reloaded when a file changes.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import type { z } from "zod";
import { type AgreementInput, agreementInputSchema } from "@/lib/domain/agreement";
import { type Entity, entitySchema } from "@/lib/domain/entity";
import { AppError } from "@/lib/domain/errors";

export interface Registry {
  entities: Entity[];
  byId: Map<string, Entity>;
  agreements: AgreementInput[];
  /** Changes whenever any data file changes; part of the parse cache key. */
  signature: string;
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
    const issue = result.error.issues[0];
    const id = typeof entry === "object" && entry && "id" in entry ? ` (“${String((entry as { id: unknown }).id)}”)` : "";
    const field = issue.path.join(".") || "(entry)";
    throw new AppError("invalid_content", `${display}: entry ${index}${id}: field ${field}: ${issue.message}`, field);
  });
}

let cached: { key: string; registry: Registry } | null = null;

/** Loads (or returns the cached) registry of entities and agreement inputs. */
export async function loadRegistry(root = contentRoot()): Promise<Registry> {
  const entityFiles = await jsonFiles(join(/* turbopackIgnore: true */ root, "entities"));
  const agreementFiles = await jsonFiles(join(/* turbopackIgnore: true */ root, "agreements"));
  const stats = await Promise.all([...entityFiles, ...agreementFiles].map(async (file) => `${file}:${(await stat(file)).mtimeMs}`));
  const key = stats.join("|");
  if (cached?.key === key) return cached.registry;

  const entities: Entity[] = [];
  for (const file of entityFiles) entities.push(...(await readEntries(file, entitySchema)));
  const agreements: AgreementInput[] = [];
  for (const file of agreementFiles) agreements.push(...(await readEntries(file, agreementInputSchema)));
  for (const agreement of agreements) {
    entities.push({
      id: agreement.id,
      kind: "agreement",
      names: agreement.names,
      aliases: agreement.aliases,
      description: agreement.description,
      agreementKind: agreement.kind,
      parties: [...agreement.parties],
    });
  }
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
  const registry = { entities, byId, agreements, signature: key };
  cached = { key, registry };
  return registry;
}
