/**
 * A database of its own for a fault test or benchmark, on whichever provider DATABASE_URL names,
 * and the checks made on it afterwards: the provider's integrity check, and the annotations as
 * stored. SQLite: a file in the given folder. PostgreSQL: a new database on the server that
 * DATABASE_URL points at, made and dropped with `psql` (the role needs CREATEDB).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { join } from "node:path";
import { providerOf, sqliteFilePath, type DatabaseProvider } from "../../lib/database/database-url";
import { createPrismaClient } from "../../lib/database/prisma";

export interface FreshDatabase {
  url: string;
  provider: DatabaseProvider;
  /** Deletes it (PostgreSQL: drops the database; SQLite: the caller removes the folder). */
  remove(): void;
}

// Query parameters libpq understands; Prisma's own (`schema`, `connection_limit`, …) make psql fail.
const LIBPQ_PARAMETERS = new Set(["sslmode", "sslcert", "sslkey", "sslrootcert", "sslpassword", "connect_timeout", "application_name", "target_session_attrs", "host", "port", "user", "password"]);

/** A Prisma PostgreSQL URL as psql takes it: Prisma's `schema` becomes the search path. */
export function psqlUrl(prismaUrl: string): string {
  const url = new URL(prismaUrl);
  const schema = url.searchParams.get("schema");
  for (const name of [...url.searchParams.keys()]) if (!LIBPQ_PARAMETERS.has(name)) url.searchParams.delete(name);
  if (schema) url.searchParams.set("options", `-csearch_path=${schema}`);
  return url.toString();
}

function psql(url: string, sql: string): string {
  return execFileSync("psql", [psqlUrl(url), "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-c", sql], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** A new, empty database: next to `template`'s server for PostgreSQL, else a SQLite file in `dir`. */
export function freshDatabase(dir: string, template = process.env.DATABASE_URL?.trim() || "file:./data/reader.db"): FreshDatabase {
  const provider = providerOf(template);
  if (provider === "sqlite") return { url: `file:${join(dir, "load.db")}`, provider, remove: () => {} };
  const name = `brief_reader_load_${randomBytes(6).toString("hex")}`;
  psql(template, `CREATE DATABASE "${name}"`);
  const url = new URL(template);
  url.pathname = `/${name}`;
  return { url: url.toString(), provider, remove: () => psql(template, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export interface IntegrityCheck {
  name: string;
  ok: boolean;
  /** What the check answered when it was not clean (or why it could not run). */
  detail?: string;
}

/** The part of better-sqlite3 used here (the package ships no types). */
type ReadOnlyDatabase = { pragma(sql: string): unknown[]; close(): void };

function sqliteIntegrity(url: string): IntegrityCheck[] {
  const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string, options: object) => ReadOnlyDatabase;
  // Read-only, after the server has stopped: the check itself must not write (recovering a
  // write-ahead log left by a killed process happens in memory for a read-only connection).
  const database = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true });
  try {
    const integrity = database.pragma("integrity_check") as { integrity_check: string }[];
    const foreignKeys = database.pragma("foreign_key_check") as object[];
    return [
      { name: "PRAGMA integrity_check", ok: integrity.length === 1 && integrity[0].integrity_check === "ok", detail: integrity.map((row) => row.integrity_check).join("; ") },
      { name: "PRAGMA foreign_key_check", ok: foreignKeys.length === 0, detail: foreignKeys.length ? JSON.stringify(foreignKeys.slice(0, 10)) : "no rows" },
    ];
  } finally {
    database.close();
  }
}

// PostgreSQL has no single integrity check. amcheck verifies every B-tree index of the app's
// schema against its table (heapallindexed); the two queries after it check every foreign key
// and every unique index from the catalog, so they follow the schema without naming tables.
const PG_INDEXES = `SELECT c.oid || ' ' || c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_am a ON a.oid = c.relam WHERE n.nspname = current_schema() AND a.amname = 'btree' ORDER BY 1`;
const PG_FOREIGN_KEYS = `SELECT format('SELECT %L || '': '' || count(*) FROM %I.%I c WHERE %s AND NOT EXISTS (SELECT 1 FROM %I.%I p WHERE %s)',
    con.conname, n.nspname, cl.relname,
    (SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ') FROM unnest(con.conkey) k JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k),
    pn.nspname, pc.relname,
    (SELECT string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ') FROM unnest(con.confkey, con.conkey) AS k(pk, ck)
       JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.pk JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.ck))
  FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
  JOIN pg_class pc ON pc.oid = con.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
  WHERE con.contype = 'f' AND n.nspname = current_schema() ORDER BY con.conname`;
const PG_UNIQUE = `SELECT format('SELECT %L || '': '' || count(*) FROM (SELECT 1 FROM %I.%I WHERE %s GROUP BY %s HAVING count(*) > 1) d',
    c.relname, n.nspname, t.relname,
    (SELECT string_agg(format('%I IS NOT NULL', a.attname), ' AND ') FROM unnest(i.indkey::int2[]) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k),
    (SELECT string_agg(format('%I', a.attname), ', ') FROM unnest(i.indkey::int2[]) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k))
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
  WHERE i.indisunique AND n.nspname = current_schema() AND 0 <> ALL (i.indkey::int2[]) ORDER BY c.relname`;

function postgresIntegrity(url: string): IntegrityCheck[] {
  const checks: IntegrityCheck[] = [];
  const lines = (text: string) => text.split("\n").filter(Boolean);
  try {
    psql(url, "CREATE EXTENSION IF NOT EXISTS amcheck");
    const indexes = lines(psql(url, PG_INDEXES));
    const failed: string[] = [];
    for (const line of indexes) {
      const [oid, name] = [line.slice(0, line.indexOf(" ")), line.slice(line.indexOf(" ") + 1)];
      try {
        psql(url, `SELECT bt_index_check(${Number(oid)}::oid, true)`);
      } catch (error) {
        failed.push(`${name}: ${(error as { stderr?: string }).stderr?.trim() ?? String(error)}`);
      }
    }
    const names = indexes.map((line) => line.slice(line.indexOf(" ") + 1));
    checks.push({ name: `amcheck bt_index_check (heapallindexed) of ${indexes.length} indexes`, ok: failed.length === 0 && indexes.length > 0, detail: failed.join("; ") || names.join(", ") });
  } catch (error) {
    checks.push({ name: "amcheck bt_index_check", ok: false, detail: `amcheck is not available: ${(error as { stderr?: string }).stderr?.trim() ?? String(error)}` });
  }
  for (const [name, generator] of [["foreign keys without their row", PG_FOREIGN_KEYS], ["duplicates under unique indexes", PG_UNIQUE]] as const) {
    const results = lines(psql(url, generator)).map((query) => psql(url, query));
    const bad = results.filter((line) => !line.endsWith(": 0"));
    checks.push({ name, ok: bad.length === 0 && results.length > 0, detail: bad.join("; ") || `${results.length} checked, none` });
  }
  return checks;
}

/** The provider's integrity checks of the database; run once nothing else uses it. */
export function integrityCheck(url: string): IntegrityCheck[] {
  return providerOf(url) === "sqlite" ? sqliteIntegrity(url) : postgresIntegrity(url);
}

/** A stored annotation as the fault checks compare it. */
export interface StoredNote {
  id: string;
  briefSlug: string;
  authorId: string;
  visibility: string;
  body: string;
  tags: string[];
  blockId: string | null;
  quoteExact: string | null;
  quotePrefix: string | null;
  quoteSuffix: string | null;
  positionStart: number | null;
  positionEnd: number | null;
  idempotencyKey: string | null;
}

/** Every annotation of a brief as stored (through the app's Prisma client, so on either provider). */
export async function readAnnotations(url: string, brief: string): Promise<StoredNote[]> {
  const client = createPrismaClient(url);
  try {
    const rows = await client.annotation.findMany({
      where: { briefSlug: brief },
      select: {
        id: true,
        briefSlug: true,
        authorId: true,
        visibility: true,
        body: true,
        tags: true,
        blockId: true,
        quoteExact: true,
        quotePrefix: true,
        quoteSuffix: true,
        positionStart: true,
        positionEnd: true,
        idempotencyKey: true,
      },
    });
    return rows.map((row) => ({ ...row, tags: JSON.parse(row.tags) as string[] }));
  } finally {
    await client.$disconnect();
  }
}
