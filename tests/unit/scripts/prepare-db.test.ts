/**
 * scripts/prepare-db.mjs on a real SQLite file: the first run migrates and seeds; a second run with
 * nothing new skips both; a migration not recorded as applied (or failed) means neither is skipped;
 * a missing seed stamp brings the seed back.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { databaseState, migrationNames, seedStamp } from "../../../scripts/db-state.mjs";

const root = join(import.meta.dirname, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "prepare-db-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = join(dir, "reader.db");
function prepare(...args: string[]) {
  const result = spawnSync(process.execPath, ["scripts/prepare-db.mjs", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: `file:${file}` }, encoding: "utf8" });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  const output = result.stdout + result.stderr;
  return { migrated: !output.includes("prisma migrate deploy skipped"), seeded: !output.includes("seed skipped"), output };
}

function sql(statement: string) {
  const database = new Database(file);
  try {
    database.prepare(statement).run();
  } finally {
    database.close();
  }
}

describe("prepare-db on an already prepared database", () => {
  it("migrates and seeds a new database, then skips both while nothing changed", { timeout: 120_000 }, () => {
    const first = prepare();
    expect(first.migrated).toBe(true);
    expect(first.seeded).toBe(true);
    const database = new Database(file, { readonly: true });
    const stamps = database.prepare(`SELECT scope FROM "ContentVersion" WHERE scope LIKE 'seed:%'`).all();
    database.close();
    expect(stamps).toEqual([{ scope: `seed:${seedStamp(root)}` }]);

    const second = prepare();
    expect(second.migrated).toBe(false);
    expect(second.seeded).toBe(false);
  });

  it("does not count the migrations as applied when one of them is not recorded, or failed", async () => {
    const state = () => databaseState({ url: `file:${file}`, root, provider: "sqlite", stamp: seedStamp(root) });
    expect(await state()).toEqual({ migrated: true, seeded: true });
    const last = migrationNames(root, "sqlite").at(-1);
    sql(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = '${last}'`);
    expect(await state()).toEqual({ migrated: false, seeded: false });
    sql(`DELETE FROM "_prisma_migrations" WHERE migration_name = '${last}'`);
    expect(await state()).toEqual({ migrated: false, seeded: false });
    expect(await databaseState({ url: `file:${join(dir, "none.db")}`, root, provider: "sqlite", stamp: seedStamp(root) })).toEqual({ migrated: false, seeded: false });
  });

  it("runs the seed again when the stamp is gone, and --full runs everything", { timeout: 120_000 }, () => {
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    prepare();
    sql(`DELETE FROM "ContentVersion" WHERE scope LIKE 'seed:%'`);
    const again = prepare();
    expect(again.migrated).toBe(false);
    expect(again.seeded).toBe(true);
    expect(prepare().seeded).toBe(false);
    const full = prepare("--full");
    expect(full.migrated).toBe(true);
    expect(full.seeded).toBe(true);
  });
});
