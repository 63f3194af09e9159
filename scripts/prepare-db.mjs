#!/usr/bin/env node
// Creates (if need be), migrates and seeds the database named by DATABASE_URL
// (default: the embedded SQLite file data/reader.db; `postgresql://…` for PostgreSQL, whose
// database is created when the server has none of that name). Safe to run on every start, and
// quick when there is nothing to do: `prisma migrate deploy` is skipped when the database lists
// every migration folder as applied, and the seed when the database holds the stamp of the
// seed's inputs as they are now (scripts/db-state.mjs). `--full` (or PREPARE_DB=full) runs both anyway.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { databaseState, seedStamp } from "./db-state.mjs";
import { bin, ensurePostgresDatabase, ensureSqliteDir, root, run, scriptEnv } from "./lib.mjs";

const env = scriptEnv();
const full = process.argv.includes("--full") || env.PREPARE_DB === "full";
ensureSqliteDir(env.DATABASE_URL);
await ensurePostgresDatabase(env.DATABASE_URL);
const clients = ["generated/prisma/client.ts", "generated/prisma-postgresql/client.ts"];
if (!clients.every((file) => existsSync(resolve(root, file)))) run(process.execPath, ["scripts/generate.mjs"], env);
const provider = /^file:/i.test(env.DATABASE_URL) ? "sqlite" : "postgresql";
const stamp = seedStamp(root);
const state = full ? { migrated: false, seeded: false } : await databaseState({ url: env.DATABASE_URL, root, provider, stamp });
if (state.migrated) console.log("prepare-db: every migration is applied (prisma migrate deploy skipped)");
else run(bin("prisma"), ["migrate", "deploy"], env);
// The seed reuses the brief service, which reaches repositories marked `server-only`; the
// react-server condition is how Next loads server code, and makes that marker a no-op here too.
// SEED_STAMP: the seed records it in the database when it ran without failures.
if (state.migrated && state.seeded) console.log("prepare-db: the seed's inputs are unchanged since it last ran on this database (seed skipped)");
else run(bin("tsx"), ["--conditions=react-server", "prisma/seed.ts"], { ...env, SEED_STAMP: stamp });
