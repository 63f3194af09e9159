/**
 * The stamp of the last seed that ran without failures on this database: a ContentVersion row
 * `seed:<hash of the seed's inputs>` (scripts/db-state.mjs computes the hash and reads the row, so
 * that a start with nothing new skips the seed). One row at most: writing a stamp removes the old.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";

const PREFIX = "seed:";

export async function recordSeedStamp(client: PrismaClient, stamp: string): Promise<void> {
  if (!/^[0-9a-f]{32}$/.test(stamp)) throw new Error("SEED_STAMP must be 32 hex digits");
  await client.$transaction([client.contentVersion.deleteMany({ where: { scope: { startsWith: PREFIX } } }), client.contentVersion.create({ data: { scope: `${PREFIX}${stamp}`, version: 1 } })]);
}
