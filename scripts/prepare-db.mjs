#!/usr/bin/env node
// Creates (if need be), migrates and seeds the database named by DATABASE_URL
// (default: the embedded SQLite file data/reader.db; `postgresql://…` for PostgreSQL, whose
// database is created when the server has none of that name). Safe to run on every start.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { bin, ensurePostgresDatabase, ensureSqliteDir, root, run, scriptEnv } from "./lib.mjs";

const env = scriptEnv();
ensureSqliteDir(env.DATABASE_URL);
await ensurePostgresDatabase(env.DATABASE_URL);
const clients = ["generated/prisma/client.ts", "generated/prisma-postgresql/client.ts"];
if (!clients.every((file) => existsSync(resolve(root, file)))) run(process.execPath, ["scripts/generate.mjs"], env);
run(bin("prisma"), ["migrate", "deploy"], env);
// The seed reuses the brief service, which reaches repositories marked `server-only`; the
// react-server condition is how Next loads server code, and makes that marker a no-op here too.
run(bin("tsx"), ["--conditions=react-server", "prisma/seed.ts"], env);
