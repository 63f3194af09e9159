#!/usr/bin/env node
// Writes prisma/postgresql/schema.prisma from prisma/sqlite/schema.prisma. The SQLite schema is
// the one people edit; the PostgreSQL one is its copy with another datasource and client output,
// so the two cannot drift (tests/unit/db/schemas.test.ts checks it too). Committed, because the
// Prisma CLI and reviewers read it like any schema.
// Usage: node scripts/postgresql-schema.mjs [--check]   (--check: exit 1 if it is out of date)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const HEADER = `// GENERATED from prisma/sqlite/schema.prisma by scripts/postgresql-schema.mjs: do not edit.
// Edit the SQLite schema, then \`npm run db:migration -- <name>\` rewrites this file and writes
// the migration for both providers (docs/databases.md).

generator client {
  provider   = "prisma-client"
  output     = "../../generated/prisma-postgresql"
  engineType = "client"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}
`;

/**
 * The PostgreSQL schema for a SQLite schema's text: the same models, enums and comments, with
 * this file's own generator and datasource. Everything before the first model/enum/type block
 * (the SQLite file's header, generator and datasource) is replaced.
 */
export function postgresqlSchemaFrom(sqlite) {
  const start = sqlite.search(/^(\/\/\/[^\n]*\n)*(model|enum|type|view)\s+\w+\s*\{/m);
  if (start < 0) throw new Error("prisma/sqlite/schema.prisma declares no model");
  const head = sqlite.slice(0, start);
  if (/^\s*(model|enum|type|view)\s/m.test(head)) throw new Error("unexpected block before the first model");
  return `${HEADER}\n${sqlite.slice(start)}`;
}

const root = fileURLToPath(new URL("..", import.meta.url));
export const sqliteSchemaPath = join(root, "prisma", "sqlite", "schema.prisma");
export const postgresqlSchemaPath = join(root, "prisma", "postgresql", "schema.prisma");

/** Rewrites the PostgreSQL schema; returns true if it changed. */
export function writePostgresqlSchema() {
  const wanted = postgresqlSchemaFrom(readFileSync(sqliteSchemaPath, "utf8"));
  let current = "";
  try {
    current = readFileSync(postgresqlSchemaPath, "utf8");
  } catch {
    // Not written yet.
  }
  if (current === wanted) return false;
  writeFileSync(postgresqlSchemaPath, wanted);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--check")) {
    const wanted = postgresqlSchemaFrom(readFileSync(sqliteSchemaPath, "utf8"));
    if (readFileSync(postgresqlSchemaPath, "utf8") !== wanted) {
      console.error("prisma/postgresql/schema.prisma is out of date: run node scripts/postgresql-schema.mjs");
      process.exit(1);
    }
  } else {
    console.log(writePostgresqlSchema() ? "wrote prisma/postgresql/schema.prisma" : "prisma/postgresql/schema.prisma is up to date");
  }
}
