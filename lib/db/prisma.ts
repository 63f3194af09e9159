/**
 * Creates the Prisma client for the configured database, through a driver adapter
 * (the Rust-free client needs one). Not marked server-only so that scripts (seed, backup)
 * can use it too; app code reaches the database only through lib/db repositories.
 */
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl, providerOf, sqliteFilePath } from "./database-url";
import { sqliteAdapter } from "./sqlite-adapter";

export function createPrismaClient(url = databaseUrl()): PrismaClient {
  const provider = providerOf(url);
  if (provider !== "sqlite") throw new Error("Only SQLite is set up so far: DATABASE_URL must start with file:");
  return new PrismaClient({ adapter: sqliteAdapter(sqliteFilePath(url)) });
}

const holder = globalThis as unknown as { briefReaderPrisma?: PrismaClient };

/** One client per process (and per dev-server reload), made on first use, not at import. */
export function db(): PrismaClient {
  holder.briefReaderPrisma ??= createPrismaClient();
  return holder.briefReaderPrisma;
}
