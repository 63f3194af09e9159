// Prisma's CLI without its downloaded engines: the JS schema engine and a driver adapter
// (../shared/STACK.md). The database URL comes from one helper shared with the app.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databaseUrl, providerOf } from "./lib/db/database-url";

const url = databaseUrl();
const provider = providerOf(url);
// The schema's env("DATABASE_URL") must resolve even when the default is in use.
process.env.DATABASE_URL = url;
if (provider !== "sqlite") throw new Error("Only SQLite is set up so far: DATABASE_URL must start with file:");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  async adapter() {
    const file = resolve(url.replace(/^file:/i, ""));
    mkdirSync(dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: `file:${file}` });
  },
});
