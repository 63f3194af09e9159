/**
 * The knowledge base's seed files and the database agree: the files are already in the layout
 * the export writes; export → seed an empty database → export gives the same files; the import
 * adds what is new, updates what only the files changed, and never overwrites an editor's work.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratedTestDatabase, type TestDatabase } from "../../support/migrated-db";

const contentDir = join(import.meta.dirname, "..", "..", "..", "content");

function filesOf(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of ["entities", "agreements"]) {
    for (const name of readdirSync(join(root, folder)).sort()) if (name.endsWith(".json")) files[`${folder}/${name}`] = readFileSync(join(root, folder, name), "utf8");
  }
  return files;
}

let first: TestDatabase;
let second: TestDatabase;
const temp = mkdtempSync(join(tmpdir(), "kb-export-"));

// The services reach the database through `db()`, made on first use from DATABASE_URL.
async function useDatabase(url: string) {
  const { db } = await import("@/lib/database/prisma");
  const holder = globalThis as unknown as { briefReaderPrisma?: { $disconnect(): Promise<void> }; briefReaderKnowledge?: unknown };
  if (holder.briefReaderPrisma) await holder.briefReaderPrisma.$disconnect();
  holder.briefReaderPrisma = undefined;
  holder.briefReaderKnowledge = undefined;
  process.env.DATABASE_URL = url;
  return db();
}

beforeAll(async () => {
  // Two `prisma migrate deploy` runs: seconds each on a loaded machine.
  first = await migratedTestDatabase("sqlite");
  second = await migratedTestDatabase("sqlite");
}, 90_000);

afterAll(async () => {
  const holder = globalThis as unknown as { briefReaderPrisma?: { $disconnect(): Promise<void> } };
  await holder.briefReaderPrisma?.$disconnect();
  await Promise.all([first?.remove(), second?.remove()]);
  rmSync(temp, { recursive: true, force: true });
});

describe("the knowledge base's export", () => {
  it("writes the seed files exactly as they are, and seeding its output elsewhere exports the same files again", async () => {
    const { importKnowledgeSeed, exportKnowledge } = await import("@/lib/services/knowledge-seed");
    await useDatabase(first.url);
    const report = await importKnowledgeSeed(contentDir);
    expect(report.created.length).toBe(85);
    const once = join(temp, "once");
    await exportKnowledge(once);
    expect(filesOf(once)).toEqual(filesOf(contentDir));

    await useDatabase(second.url);
    await importKnowledgeSeed(once);
    const twice = join(temp, "twice");
    await exportKnowledge(twice);
    expect(filesOf(twice)).toEqual(filesOf(once));
  }, 30_000);

  it("imports a second time without writing, updates what only the files changed, and keeps what an editor changed", async () => {
    const { importKnowledgeSeed } = await import("@/lib/services/knowledge-seed");
    const client = await useDatabase(first.url);
    expect(await importKnowledgeSeed(contentDir)).toMatchObject({ created: [], updated: [], kept: [] });

    const edited = join(temp, "edited");
    cpSync(contentDir, edited, { recursive: true, filter: (path) => !path.includes("briefs") });
    const people = JSON.parse(readFileSync(join(edited, "entities", "people.json"), "utf8")) as { id: string; aliases: string[] }[];
    people[0].aliases.push("새 별칭");
    people[1].aliases.push("파일의 별칭");
    writeFileSync(join(edited, "entities", "people.json"), `${JSON.stringify(people, null, 2)}\n`);
    // An editor changed the second person in the app meanwhile.
    await client.entity.update({ where: { id: people[1].id }, data: { descriptionEn: "Edited in the app.", version: { increment: 1 } } });

    const report = await importKnowledgeSeed(edited);
    expect(report.updated).toEqual([people[0].id]);
    expect(report.kept).toEqual([people[1].id]);
    const rows = await client.entity.findMany({ where: { id: { in: [people[0].id, people[1].id] } }, orderBy: { position: "asc" } });
    expect(JSON.parse(rows[0].aliases)).toContain("새 별칭");
    expect(rows[1].descriptionEn).toBe("Edited in the app.");
    expect(JSON.parse(rows[1].aliases)).not.toContain("파일의 별칭");
    expect(await client.knowledgeChange.count({ where: { action: "seed", subjectId: people[0].id } })).toBe(1);
  });
});
