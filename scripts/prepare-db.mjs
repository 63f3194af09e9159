#!/usr/bin/env node
// Creates (if need be), migrates and seeds the database named by DATABASE_URL
// (default: the embedded SQLite file data/reader.db). Safe to run on every start.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { bin, ensureSqliteDir, root, run, scriptEnv } from "./lib.mjs";

const env = scriptEnv();
ensureSqliteDir(env.DATABASE_URL);
if (!existsSync(resolve(root, "generated/prisma/client.ts"))) run(bin("prisma"), ["generate"], env);
run(bin("prisma"), ["migrate", "deploy"], env);
run(bin("tsx"), ["prisma/seed.ts"], env);
