/**
 * Creates the Prisma client for the configured database, through a driver adapter (the
 * Rust-free client needs one). Both providers' clients are generated (scripts/generate.mjs), so
 * one build serves SQLite or PostgreSQL, whichever DATABASE_URL names when the server starts.
 * Not marked server-only so that scripts (seed, backup) can use it too; app code reaches the
 * database only through lib/db repositories.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresqlPrismaClient } from "@/generated/prisma-postgresql/client";
import { databaseUrl, providerOf, sqliteFilePath } from "./database-url";
import { allowDirectSql } from "./direct-sql";
import { sqliteAdapter } from "./sqlite-adapter";

/**
 * The app is typed against the SQLite client. The PostgreSQL one has the same models (the
 * schemas are checked identical by tests/unit/db/schemas.test.ts), and its query arguments are a
 * superset (e.g. `mode: "insensitive"`), so anything typed for SQLite is a valid call on it.
 */
export function createPrismaClient(url = databaseUrl()): PrismaClient {
  if (providerOf(url) === "postgresql") {
    return new PostgresqlPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
  }
  const adapter = sqliteAdapter(sqliteFilePath(url));
  const client = new PrismaClient({ adapter });
  allowDirectSql(client, adapter);
  return client;
}

const holder = globalThis as unknown as { briefReaderPrisma?: PrismaClient };

/** One client per process (and per dev-server reload), made on first use, not at import. */
export function db(): PrismaClient {
  if (!holder.briefReaderPrisma) {
    const client = createPrismaClient();
    holder.briefReaderPrisma = client;
    // scripts/serve.mjs runs these when it stops, after the last request has been answered.
    const stopTasks = ((globalThis as unknown as Record<symbol, Set<() => Promise<void>>>)[Symbol.for("brief-reader.on-stop")] ??= new Set());
    stopTasks.add(() => client.$disconnect());
  }
  return holder.briefReaderPrisma;
}
