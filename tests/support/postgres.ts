/**
 * Throwaway PostgreSQL databases for tests: each test run makes its own `reader_test_<random>`
 * on the server at POSTGRES_ADMIN_URL (default: the local one, trust auth) and drops it after.
 * Where no server answers, PostgreSQL tests are skipped — except in CI (`CI` set), where the
 * server is started by .ci/run and a missing one must fail the run, not shrink it.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const POSTGRES_ADMIN_URL = process.env.POSTGRES_ADMIN_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres";

/** The URL of another database on the admin URL's server. */
export function databaseUrlFor(name: string, adminUrl = POSTGRES_ADMIN_URL): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one piece of SQL on a database (by URL) and closes the connection. */
export async function onDatabase<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

let available: Promise<boolean> | null = null;

/** Whether the PostgreSQL server answers; throws in CI, where it must. */
export function postgresAvailable(): Promise<boolean> {
  available ??= onDatabase(POSTGRES_ADMIN_URL, "SELECT 1").then(
    () => true,
    (error: Error) => {
      if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${error.message}); CI starts it in .ci/run`);
      return false;
    },
  );
  return available;
}

export interface TempDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database; `drop()` removes it even if connections are still open. */
export async function createTempDatabase(prefix = "reader_test"): Promise<TempDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await onDatabase(POSTGRES_ADMIN_URL, `CREATE DATABASE "${name}"`);
  return {
    name,
    url: databaseUrlFor(name),
    drop: async () => {
      await onDatabase(POSTGRES_ADMIN_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
