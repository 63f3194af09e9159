/**
 * The committed migrations build the database the schema declares: every table, column (with
 * type, nullability and primary key), index and foreign key. A schema edit without its
 * migration (`npm run db:migration -- <name>`) fails here, not on someone's machine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma";
import { emptyDatabase, migratedDatabase, prisma } from "../../support/migrated-db";

type Client = ReturnType<typeof createPrismaClient>;

/** Tables, columns, indexes and foreign keys of a SQLite database, in a comparable form. */
async function structure(client: Client) {
  const tables = await client.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
  );
  const result: Record<string, { columns: string[]; indexes: string[]; foreignKeys: string[] }> = {};
  for (const { name } of tables) {
    const columns = await client.$queryRawUnsafe<{ name: string; type: string; notnull: bigint | number; pk: bigint | number; dflt_value: string | null }[]>(`PRAGMA table_info("${name}")`);
    const indexes = await client.$queryRawUnsafe<{ name: string; unique: bigint | number }[]>(`PRAGMA index_list("${name}")`);
    const indexed: string[] = [];
    for (const index of indexes) {
      const parts = await client.$queryRawUnsafe<{ name: string }[]>(`PRAGMA index_info("${index.name}")`);
      indexed.push(`${Number(index.unique) ? "unique " : ""}${index.name}(${parts.map((part) => part.name).join(",")})`);
    }
    const keys = await client.$queryRawUnsafe<{ table: string; from: string; to: string; on_delete: string }[]>(`PRAGMA foreign_key_list("${name}")`);
    result[name] = {
      columns: columns.map((column) => `${column.name} ${column.type}${Number(column.notnull) ? " NOT NULL" : ""}${Number(column.pk) ? " PK" : ""} default=${column.dflt_value}`).sort(),
      indexes: indexed.sort(),
      foreignKeys: keys.map((key) => `${key.from} → ${key.table}.${key.to} on delete ${key.on_delete}`).sort(),
    };
  }
  return result;
}

describe("the committed migrations", () => {
  let migrated: ReturnType<typeof migratedDatabase>;
  let fromSchema: ReturnType<typeof emptyDatabase>;

  beforeAll(async () => {
    migrated = migratedDatabase();
    // What the schema alone asks for: its whole SQL from an empty database, applied to a new file.
    fromSchema = emptyDatabase();
    const sql = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/sqlite/schema.prisma", "--script"]);
    const client = createPrismaClient(fromSchema.url);
    try {
      const statements = sql.split(/;\s*\n/).map((part) => part.replace(/^--.*$/gm, "").trim());
      for (const statement of statements.filter(Boolean)) await client.$executeRawUnsafe(statement);
    } finally {
      await client.$disconnect();
    }
  }, 120_000);

  afterAll(() => {
    migrated?.remove();
    fromSchema?.remove();
  });

  it("build every table, column, index and foreign key the schema declares, and nothing else", async () => {
    const a = createPrismaClient(migrated.url);
    const b = createPrismaClient(fromSchema.url);
    try {
      const built = await structure(a);
      const declared = await structure(b);
      expect(Object.keys(declared)).toEqual(expect.arrayContaining(["Annotation", "User", "Session", "Account", "Verification", "Brief", "BriefRevision"]));
      expect(built).toEqual(declared);
    } finally {
      await a.$disconnect();
      await b.$disconnect();
    }
  });
});
