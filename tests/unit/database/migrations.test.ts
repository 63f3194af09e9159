/**
 * Each provider's committed migrations build the database its schema declares: every table,
 * column (with type, nullability, default and primary key), index and foreign key. A schema
 * edit without its migration (`npm run db:migration -- <name>`) fails here, not on someone's
 * machine. PostgreSQL runs against the local server in a throwaway database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseProvider } from "@/lib/database/database-url";
import { createPrismaClient } from "@/lib/database/prisma";
import { emptyTestDatabase, migratedTestDatabase, prisma, type TestDatabase } from "../../support/migrated-db";
import { onDatabase, postgresAvailable } from "../../support/postgres";

type Structure = Record<string, { columns: string[]; indexes: string[]; foreignKeys: string[] }>;

/** Tables, columns, indexes and foreign keys of a SQLite database, in a comparable form. */
async function sqliteStructure(url: string): Promise<Structure> {
  const client = createPrismaClient(url);
  try {
    const tables = await client.$queryRawUnsafe<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
    );
    const result: Structure = {};
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
  } finally {
    await client.$disconnect();
  }
}

/**
 * The same for PostgreSQL, read from its catalogs with pg directly (identifiers cast to text:
 * the Prisma adapter cannot read the catalogs' `name` type, lib/database/postgresql-cli-pool.ts).
 * Four queries for the whole database, not three per table: each opens a connection, and on a
 * busy machine thirty tables' worth took longer than a test may.
 */
async function postgresqlStructure(url: string): Promise<Structure> {
  const tables = await onDatabase<{ name: string }>(
    url,
    "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1",
  );
  const columns = await onDatabase<{ table: string; column: string }>(
    url,
    `SELECT table_name::text AS table, column_name::text || ' ' || data_type::text || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END || ' default=' || COALESCE(column_default::text, 'null') AS column
     FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  const indexes = await onDatabase<{ table: string; index: string }>(url, "SELECT tablename::text AS table, indexdef::text AS index FROM pg_indexes WHERE schemaname = current_schema()");
  const keys = await onDatabase<{ table: string; key: string }>(
    url,
    `SELECT c.conrelid::regclass::text AS table, c.conname::text || ': ' || pg_get_constraintdef(c.oid) AS key
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  // regclass prints a name quoted when it needs quotes ("User"); the other catalogs do not.
  const unquoted = (name: string) => name.replace(/^"(.*)"$/, "$1");
  const result: Structure = {};
  for (const { name } of tables) {
    result[name] = {
      columns: columns.filter((row) => row.table === name).map((row) => row.column).sort(),
      indexes: indexes.filter((row) => row.table === name).map((row) => row.index).sort(),
      foreignKeys: keys.filter((row) => unquoted(row.table) === name).map((row) => row.key).sort(),
    };
  }
  return result;
}

/** Applies the whole SQL a schema asks for (from an empty database) to a new database. */
async function applySchemaSql(provider: DatabaseProvider, url: string) {
  const sql = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", `prisma/${provider}/schema.prisma`, "--script"], { DATABASE_URL: url });
  if (provider === "postgresql") {
    await onDatabase(url, sql);
    return;
  }
  const client = createPrismaClient(url);
  try {
    // better-sqlite3 runs one statement per call.
    const statements = sql.split(/;\s*\n/).map((part) => part.replace(/^--.*$/gm, "").trim());
    for (const statement of statements.filter(Boolean)) await client.$executeRawUnsafe(statement);
  } finally {
    await client.$disconnect();
  }
}

const structureOf = { sqlite: sqliteStructure, postgresql: postgresqlStructure };
const hasPostgres = await postgresAvailable();

describe.each<DatabaseProvider>(["sqlite", "postgresql"])("the committed %s migrations", (provider) => {
  let migrated: TestDatabase | undefined;
  let fromSchema: TestDatabase | undefined;

  beforeAll(async () => {
    if (provider === "postgresql" && !hasPostgres) return;
    migrated = await migratedTestDatabase(provider);
    fromSchema = await emptyTestDatabase(provider);
    await applySchemaSql(provider, fromSchema.url);
  }, 120_000);

  afterAll(async () => {
    await migrated?.remove();
    await fromSchema?.remove();
  });

  it.skipIf(provider === "postgresql" && !hasPostgres)("build every table, column, index and foreign key the schema declares, and nothing else", async () => {
    const built = await structureOf[provider](migrated!.url);
    const declared = await structureOf[provider](fromSchema!.url);
    expect(Object.keys(declared)).toEqual(expect.arrayContaining(["Annotation", "User", "Session", "Account", "Verification", "Brief", "BriefRevision"]));
    expect(declared.Annotation.columns.length).toBeGreaterThan(20);
    expect(declared.Annotation.indexes.length).toBeGreaterThan(3);
    expect(declared.Annotation.foreignKeys.length).toBeGreaterThan(2);
    expect(built).toEqual(declared);
  }, 60_000);
});
