/**
 * Between the knowledge base and its seed files: `importKnowledgeSeed` brings `content/entities`
 * and `content/agreements` into the database (at start, beside the briefs' `importSeeds`), and
 * `exportKnowledge` writes the database back out in exactly that layout (`npm run kb:export`),
 * so the files are the review format of what editors curated, and a seed for another database.
 *
 * Rules of the import, per entry (an entity, or a record with its events):
 * - new in the files → created, at its place in the files;
 * - unchanged since it was last imported (`seedHash`) → left alone (no query writes);
 * - changed in the files, and not edited in the app since it was imported → updated from them
 *   (logged as a `seed` change);
 * - changed in the files and edited in the app → the database's version is kept and the entry is
 *   reported: an editor's work is never overwritten by a file;
 * - in the database and not in the files (made in the app, not yet exported) → left alone.
 */
import "server-only";
import { createHash } from "node:crypto";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { contentRoot, loadRegistry } from "@/lib/content/registry";
import { listAgreementRows, replaceAgreementOperations, type StoredAgreement } from "@/lib/db/agreements";
import { createEntityOperation, listEntityRows, type StoredEntity, updateEntityOperation } from "@/lib/db/entities";
import { type ChangeWrite, commitKnowledge } from "@/lib/db/knowledge-changes";
import { db } from "@/lib/database/prisma";
import type { AgreementData } from "@/lib/domain/agreement-data";
import type { EntityInput } from "@/lib/domain/entity";
import { knowledgeFiles } from "@/lib/export/knowledge-files";
import { knowledgeChanged } from "./knowledge";

/** What an import did. */
export interface KnowledgeSeedReport {
  created: string[];
  updated: string[];
  unchanged: number;
  /** Changed in the files and in the app: the app's version was kept. */
  kept: string[];
}

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 32);

/** An entity's fields, in one key order, for fingerprints. */
export function entityFields(entity: EntityInput | StoredEntity): EntityInput {
  return {
    id: entity.id,
    kind: entity.kind,
    names: { ko: entity.names.ko, en: entity.names.en, ...(entity.names.ja ? { ja: entity.names.ja } : {}) },
    aliases: [...entity.aliases],
    description: { ko: entity.description.ko, en: entity.description.en },
    ...(entity.wikidata ? { wikidata: entity.wikidata } : {}),
  };
}

/** A record's data without storage details (ids, versions, places), for fingerprints and the export. */
export function agreementFields(agreement: AgreementData | StoredAgreement): AgreementData {
  return {
    id: agreement.id,
    kind: agreement.kind,
    parties: [agreement.parties[0], agreement.parties[1]],
    names: { ko: agreement.names.ko, en: agreement.names.en, ...(agreement.names.ja ? { ja: agreement.names.ja } : {}) },
    aliases: [...agreement.aliases],
    description: { ko: agreement.description.ko, en: agreement.description.en },
    brief: { slug: agreement.brief.slug, status: agreement.brief.status },
    events: agreement.events.map(({ id: _id, version: _version, position: _position, ...event }: AgreementData["events"][number] & { position?: number }) => {
      const ordered = { basis: event.basis, kind: event.kind, date: event.date, brief: event.brief, quote: event.quote, note: event.note, source: event.source, unverified: event.unverified, addedBy: event.addedBy };
      return Object.fromEntries(Object.entries(ordered).filter(([, value]) => value !== undefined)) as unknown as AgreementData["events"][number];
    }),
  };
}

/** Imports the seed files' entities and records that are new or changed (see the rules above). */
export async function importKnowledgeSeed(root = contentRoot()): Promise<KnowledgeSeedReport> {
  const registry = await loadRegistry(root);
  const [entities, agreements] = await Promise.all([listEntityRows(db()), listAgreementRows(db())]);
  const storedEntities = new Map(entities.map((entity) => [entity.id, entity]));
  const storedAgreements = new Map(agreements.map((agreement) => [agreement.id, agreement]));
  const report: KnowledgeSeedReport = { created: [], updated: [], unchanged: 0, kept: [] };
  const writes: unknown[] = [];
  const changes: ChangeWrite[] = [];
  const seedChange = (subjectType: ChangeWrite["subjectType"], subjectId: string, before: unknown, after: unknown): ChangeWrite => ({ subjectType, subjectId, action: "seed", before, after, actorId: null, actorName: null });

  const plain = registry.entities.filter((entity) => entity.kind !== "agreement") as EntityInput[];
  plain.forEach((entry, position) => {
    const fields = entityFields(entry);
    const seedHash = hash(fields);
    const row = storedEntities.get(entry.id);
    if (!row) {
      writes.push(createEntityOperation(db(), fields, { position, seedHash }));
      report.created.push(entry.id);
      return;
    }
    if (row.seedHash === seedHash) return void report.unchanged++;
    const current = hash(entityFields(row));
    if (current === seedHash) {
      // The same content under another fingerprint (exported from the app, then seeded): just note it.
      writes.push(updateEntityOperation(db(), fields, { version: row.version, seedHash }));
      report.unchanged++;
    } else if (row.seedHash !== null && current === row.seedHash) {
      writes.push(updateEntityOperation(db(), fields, { version: row.version, seedHash }));
      changes.push(seedChange("entity", entry.id, entityFields(row), fields));
      report.updated.push(entry.id);
    } else report.kept.push(entry.id);
  });

  registry.agreements.forEach((entry, position) => {
    const fields = agreementFields(entry);
    const seedHash = hash(fields);
    const row = storedAgreements.get(entry.id);
    if (!row) {
      writes.push(...replaceAgreementOperations(db(), fields, { position, seedHash }));
      report.created.push(entry.id);
      return;
    }
    if (row.seedHash === seedHash) return void report.unchanged++;
    const current = hash(agreementFields(row));
    if (current === seedHash || (row.seedHash !== null && current === row.seedHash)) {
      writes.push(...replaceAgreementOperations(db(), fields, { position: row.position, seedHash }));
      if (current !== seedHash) {
        changes.push(seedChange("agreement", entry.id, agreementFields(row), fields));
        report.updated.push(entry.id);
      } else report.unchanged++;
    } else report.kept.push(entry.id);
  });

  if (writes.length > 0) {
    await commitKnowledge(db(), writes, changes);
    knowledgeChanged();
  }
  return report;
}

/** The database's knowledge base as the seed files' texts, by path relative to the content folder. */
export async function knowledgeAsFiles(): Promise<Map<string, string>> {
  const [entities, agreements] = await Promise.all([listEntityRows(db()), listAgreementRows(db())]);
  const byPlace = <T extends { position: number; id: string }>(a: T, b: T) => a.position - b.position || a.id.localeCompare(b.id);
  return knowledgeFiles([...entities].sort(byPlace).map(entityFields), [...agreements].sort(byPlace).map(agreementFields));
}

/**
 * Writes the knowledge base into `root` (default content/) as its seed files, and removes the
 * JSON files there that no longer hold anything (a kind whose last entity was merged away).
 * Returns the paths written and removed, relative to `root`.
 */
export async function exportKnowledge(root = contentRoot()): Promise<{ written: string[]; removed: string[] }> {
  const files = await knowledgeAsFiles();
  const removed: string[] = [];
  for (const folder of ["entities", "agreements"]) {
    await mkdir(join(/* turbopackIgnore: true */ root, folder), { recursive: true });
    for (const name of await readdir(join(/* turbopackIgnore: true */ root, folder))) {
      const path = `${folder}/${name}`;
      if (name.endsWith(".json") && !files.has(path)) {
        await rm(join(/* turbopackIgnore: true */ root, path));
        removed.push(path);
      }
    }
  }
  for (const [path, text] of files) await writeFile(join(/* turbopackIgnore: true */ root, path), text);
  return { written: [...files.keys()], removed };
}
