// Prisma's CLI without its downloaded engines: the JS schema engine and a driver adapter
// (../shared/STACK.md). DATABASE_URL picks the provider: `file:` → prisma/sqlite (the embedded
// default), `postgresql://` → prisma/postgresql, each folder with its own schema and migrations.
// The URL comes from one helper shared with the app, so the CLI and the server never disagree.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { databaseUrl, providerOf, sqliteFilePath } from "./lib/database/database-url";
import { catalogFriendlyPool, letLongTimersNotHoldTheProcess } from "./lib/database/postgresql-cli-pool";

const url = databaseUrl();
const provider = providerOf(url);
// The schema's env("DATABASE_URL") must resolve even when the default is in use.
process.env.DATABASE_URL = url;
if (provider === "postgresql") letLongTimersNotHoldTheProcess();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  async adapter() {
    if (provider === "postgresql") return new PrismaPg(catalogFriendlyPool(url), { disposeExternalPool: true });
    const file = sqliteFilePath(url);
    mkdirSync(dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: `file:${file}` });
  },
});
