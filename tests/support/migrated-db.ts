/**
 * A fresh database built the way `npm start` builds one: `prisma migrate deploy` from the
 * committed migrations of its provider, nothing else. For tests of the schema and the
 * repositories, on SQLite (a temp file) or PostgreSQL (a temp database, tests/support/postgres.ts).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { DatabaseProvider } from "@/lib/database/database-url";
import { createTempDatabase } from "./postgres";

export const root = resolve(import.meta.dirname, "..", "..");

export function prisma(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(join(root, "node_modules", ".bin", "prisma"), args, {
    cwd: root,
    env: { ...process.env, ...env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function migratedDatabase(): { url: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "brief-reader-migrated-"));
  const url = `file:${join(dir, "migrated.db")}`;
  prisma(["migrate", "deploy"], { DATABASE_URL: url });
  return { url, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An empty SQLite file (created on first connection), for applying SQL by hand. */
export function emptyDatabase(): { url: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "brief-reader-empty-"));
  return { url: `file:${join(dir, "empty.db")}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestDatabase {
  url: string;
  remove(): Promise<void>;
}

/** An empty database of either provider: a SQLite file, or a new PostgreSQL database. */
export async function emptyTestDatabase(provider: DatabaseProvider): Promise<TestDatabase> {
  if (provider === "postgresql") {
    const database = await createTempDatabase();
    return { url: database.url, remove: database.drop };
  }
  const database = emptyDatabase();
  return { url: database.url, remove: async () => database.remove() };
}

/** A database of either provider, built by `prisma migrate deploy` from its committed migrations. */
export async function migratedTestDatabase(provider: DatabaseProvider): Promise<TestDatabase> {
  const database = await emptyTestDatabase(provider);
  try {
    prisma(["migrate", "deploy"], { DATABASE_URL: database.url });
  } catch (error) {
    await database.remove();
    throw error;
  }
  return database;
}
