// Shared by the start, build and test scripts: how to run a command, where the database is.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

export const root = resolve(dirname(new URL(import.meta.url).pathname), "..");

/** The environment every script runs with: telemetry off, the default database URL filled in. */
export function scriptEnv(extra = {}) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  env.DATABASE_URL = env.DATABASE_URL?.trim() || "file:./data/reader.db";
  return env;
}

/** Runs a command in the project folder, inheriting output; exits on failure. */
export function run(command, args, env = scriptEnv()) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

export const bin = (name) => resolve(root, "node_modules", ".bin", name);

/** Makes sure the folder of a SQLite database file exists. */
export function ensureSqliteDir(url) {
  if (!/^file:/i.test(url)) return;
  const path = url.replace(/^file:(\/\/)?/i, "").split("?")[0];
  mkdirSync(dirname(resolve(root, path)), { recursive: true });
}
