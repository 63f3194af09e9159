#!/usr/bin/env node
// Generates BOTH Prisma clients: generated/prisma (SQLite) and generated/prisma-postgresql.
// One `next build` then serves either database, chosen at run time by DATABASE_URL
// (lib/database/prisma.ts). Run at postinstall and after every schema change (`npm run db:generate`).
// `prisma generate` reads the schema only; the URLs below just pick the schema folder.
import { bin, run, scriptEnv } from "./lib.mjs";

const urls = { sqlite: "file:./data/reader.db", postgresql: "postgresql://localhost/generate-only" };
for (const [provider, url] of Object.entries(urls)) {
  run(bin("prisma"), ["generate"], scriptEnv({ DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" }));
  console.log(`generated the ${provider} client`);
}
