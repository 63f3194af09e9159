/**
 * Shared fixed-window counters (the RateLimitCount table), for limits that several app
 * processes on one PostgreSQL database must count together. One statement per hit: an upsert
 * that adds one and answers the new count, atomic under concurrency (ON CONFLICT … DO UPDATE
 * takes the row's lock), so two processes never both see the same count.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";

/** Counts one hit on `key` (a limit, a subject and a window); answers the count with it. */
export async function countHit(client: PrismaClient, options: { key: string; expiresAt: Date }): Promise<number> {
  const rows = await client.$queryRawUnsafe<{ count: number }[]>(
    `INSERT INTO "RateLimitCount" ("key", "count", "expiresAt") VALUES ($1, 1, $2::timestamp(3))
     ON CONFLICT ("key") DO UPDATE SET "count" = "RateLimitCount"."count" + 1
     RETURNING "count"`,
    options.key,
    options.expiresAt.toISOString().replace("T", " ").replace("Z", ""),
  );
  return Number(rows[0]?.count ?? 0);
}

/** Forgets the windows that have ended. */
export async function sweepHits(client: PrismaClient, before: Date): Promise<void> {
  await client.rateLimitCount.deleteMany({ where: { expiresAt: { lt: before } } });
}
