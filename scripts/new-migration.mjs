#!/usr/bin/env node
// Writes a new migration from the difference between the committed schema (HEAD) and the
// working one. `prisma migrate dev` cannot do this offline here once a migration exists
// (../shared/STACK.md), so the SQL comes from `migrate diff` between two schema files.
// Usage: npm run db:migration -- <name>
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}
const provider = process.env.PROVIDER ?? "sqlite";
const schema = `prisma/${provider}/schema.prisma`;
let previous = null;
try {
  previous = execFileSync("git", ["show", `HEAD:${schema}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
} catch {
  // No committed schema yet: the first migration starts from an empty database.
}
const args = ["prisma", "migrate", "diff", "--to-schema-datamodel", schema, "--script"];
if (previous) {
  const file = join(mkdtempSync(join(tmpdir(), "schema-")), "schema.prisma");
  writeFileSync(file, previous);
  args.splice(3, 0, "--from-schema-datamodel", file);
} else {
  args.splice(3, 0, "--from-empty");
}
const sql = execFileSync("npx", args, { encoding: "utf8" });
if (!sql.trim() || /This is an empty migration/.test(sql)) {
  console.error("The schema has not changed since HEAD: no migration written.");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = `prisma/${provider}/migrations/${stamp}_${name}`;
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
writeFileSync(`prisma/${provider}/migrations/migration_lock.toml`, `# Written by scripts/new-migration.mjs\nprovider = "${provider}"\n`);
console.log(`wrote ${dir}/migration.sql; now run: npx prisma migrate deploy && npx prisma generate`);
