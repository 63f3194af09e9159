/**
 * A fresh SQLite file built the way `npm start` builds one: `prisma migrate deploy` from the
 * committed migrations, nothing else. For tests of the schema and the repositories.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

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
