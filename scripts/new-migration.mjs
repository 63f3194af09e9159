#!/usr/bin/env node
// Writes a new migration for BOTH providers from one edit of prisma/sqlite/schema.prisma:
// rewrites prisma/postgresql/schema.prisma from it, then, per provider, diffs the committed
// schema (HEAD) against the working one and writes prisma/<provider>/migrations/<ts>_<name>/.
// `prisma migrate dev` cannot do this offline here once a migration exists (../shared/STACK.md).
//
// A provider whose schema has not changed since HEAD is skipped, so after merging a branch that
// changed only the SQLite schema and its migration, the same command writes just the PostgreSQL
// one (reusing the SQLite migration's timestamp when the name matches): docs/databases.md.
//
// The PostgreSQL diff runs through the pg driver adapter, which connects to a server (any
// database will do; nothing is written): POSTGRES_ADMIN_URL, default the local one.
// Usage: npm run db:migration -- <name> [--only sqlite|postgresql]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writePostgresqlSchema } from "./postgresql-schema.mjs";
import { bin, root } from "./lib.mjs";

export const DEFAULT_POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

const args = process.argv.slice(2);
const name = args.find((arg) => !arg.startsWith("--") && args[args.indexOf(arg) - 1] !== "--only");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
if (!name || !/^[a-z0-9_]+$/.test(name) || (only && !["sqlite", "postgresql"].includes(only))) {
  console.error("usage: npm run db:migration -- <name in snake_case> [--only sqlite|postgresql]");
  process.exit(2);
}


/** The URL the CLI runs with for a provider: it picks the schema folder and the adapter. */
function cliUrl(provider) {
  if (provider === "sqlite") return `file:${join(mkdtempSync(join(tmpdir(), "migration-")), "diff.db")}`;
  return process.env.POSTGRES_ADMIN_URL?.trim() || DEFAULT_POSTGRES_ADMIN_URL;
}

function committed(path) {
  try {
    return execFileSync("git", ["show", `HEAD:${path}`], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null; // Not committed yet: the first migration starts from an empty database.
  }
}

/** The SQL that turns the committed schema into the working one, or "" when nothing changed. */
function diff(provider) {
  const schema = `prisma/${provider}/schema.prisma`;
  const previous = committed(schema);
  const from = previous === null ? ["--from-empty"] : ["--from-schema-datamodel", join(mkdtempSync(join(tmpdir(), "schema-")), "schema.prisma")];
  if (previous !== null) writeFileSync(from[1], previous);
  let sql;
  try {
    sql = execFileSync(bin("prisma"), ["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: cliUrl(provider), PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const hint = provider === "postgresql" ? `\n(the PostgreSQL diff needs a reachable server: POSTGRES_ADMIN_URL, default ${DEFAULT_POSTGRES_ADMIN_URL})` : "";
    console.error(`prisma migrate diff failed for ${provider}:\n${error.stderr ?? error.message}${hint}`);
    process.exit(1);
  }
  if (/This is an empty migration/.test(sql)) return "";
  // The app's database user may lack CREATE on the database; the schema exists anyway.
  return sql.replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n+/, "").trim();
}

const providers = only ? [only] : ["sqlite", "postgresql"];
// Not with --only sqlite: the PostgreSQL schema must stay at its last migration, or the port
// (a later run for postgresql) would find nothing to diff. tests/unit/db/schemas.test.ts fails
// meanwhile, which is the reminder.
if (providers.includes("postgresql") && writePostgresqlSchema()) console.log("wrote prisma/postgresql/schema.prisma from the SQLite schema");
const migrationsOf = (provider) => join(root, "prisma", provider, "migrations");
const existing = (provider) => (existsSync(migrationsOf(provider)) ? readdirSync(migrationsOf(provider)) : []);
// Porting: a migration of the same name in the other provider lends its timestamp, so both
// folders list the same history.
const twin = ["sqlite", "postgresql"].flatMap(existing).find((dir) => dir.endsWith(`_${name}`) && /^\d{14}_/.test(dir));
const stamp = twin ? twin.slice(0, 14) : new Date().toISOString().replace(/\D/g, "").slice(0, 14);

let written = 0;
for (const provider of providers) {
  const sql = diff(provider);
  if (!sql) {
    console.log(`${provider}: the schema has not changed since HEAD, no migration written`);
    continue;
  }
  const dir = join(migrationsOf(provider), `${stamp}_${name}`);
  if (existsSync(dir)) {
    console.error(`${provider}: ${dir} exists already; remove it or pick another name`);
    process.exit(1);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), `${sql}\n`);
  writeFileSync(join(migrationsOf(provider), "migration_lock.toml"), `# Written by scripts/new-migration.mjs\nprovider = "${provider}"\n`);
  console.log(`${provider}: wrote prisma/${provider}/migrations/${stamp}_${name}/migration.sql`);
  written++;
}
if (written === 0) {
  console.error("No schema changed since HEAD: no migration written.");
  process.exit(1);
}
console.log("Now: npx prisma migrate deploy && npm run db:generate (and commit the schemas with the migrations)");
