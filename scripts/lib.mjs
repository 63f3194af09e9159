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

/**
 * Creates the PostgreSQL database a `postgresql://` URL names when the server has none of that
 * name (the migration engine, through the driver adapter, cannot). Connects to the server's
 * `postgres` database to do it; exits with a clear message when the server cannot be reached.
 */
export async function ensurePostgresDatabase(url) {
  if (!/^postgres(ql)?:\/\//i.test(url)) return;
  const { default: pg } = await import("pg");
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, "")) || target.username || "postgres";
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (error) {
    await probe.end().catch(() => {});
    if (error?.code !== "3D000") {
      console.error(`\n✗ Cannot reach the PostgreSQL database ${redact(url)}: ${error?.message ?? error}`);
      process.exit(1);
    }
  }
  const server = new URL(url);
  server.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: server.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    console.log(`created the PostgreSQL database ${name}`);
  } catch (error) {
    console.error(`\n✗ The database ${name} does not exist and could not be created (${error?.message ?? error}). Create it, then start again.`);
    process.exit(1);
  } finally {
    await admin.end().catch(() => {});
  }
}

/** A URL without its password, for messages. */
export function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}
