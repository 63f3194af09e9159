/**
 * Statements sent past Prisma's engine (lib/database/direct-sql.ts), against a real migrated
 * SQLite file: they read and write exactly what the same statement through Prisma does, writes
 * join the group commit, a unique violation is recognised, and a client it did not make, or one
 * that was disconnected, still works.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, PrismaClient } from "@/generated/prisma/client";
import { sqliteFilePath } from "@/lib/database/database-url";
import { allowDirectSql, sqlExecute, sqlRows } from "@/lib/database/direct-sql";
import { isUniqueViolation } from "@/lib/database/prisma-errors";
import { sqliteAdapter } from "@/lib/database/sqlite-adapter";
import { migratedDatabase } from "../../support/migrated-db";

let database: ReturnType<typeof migratedDatabase>;
let adapter: ReturnType<typeof sqliteAdapter>;
let client: PrismaClient;
/** Statements Prisma's engine ran for `client` (its query log). */
const engineQueries: string[] = [];
/** A client of the same file that createPrismaClient did not make: every statement goes through Prisma. */
let throughPrisma: PrismaClient;

beforeAll(() => {
  database = migratedDatabase();
  adapter = sqliteAdapter(sqliteFilePath(database.url));
  const logged = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  logged.$on("query", (event) => engineQueries.push(event.query));
  client = logged as unknown as PrismaClient;
  allowDirectSql(client, adapter);
  throughPrisma = new PrismaClient({ adapter: sqliteAdapter(sqliteFilePath(database.url)) });
}, 120_000);

afterAll(async () => {
  await client?.$disconnect();
  await throughPrisma?.$disconnect();
  database?.remove();
});

const insertUser = (id: string, createdAt: Date) =>
  Prisma.sql`INSERT INTO "User" ("id", "name", "email", "emailVerified", "role", "createdAt", "updatedAt") VALUES (${id}, ${`이름 ${id}`}, ${`${id}@test`}, ${true}, ${"member"}, ${createdAt}, ${createdAt})`;

describe("SQL past Prisma's engine", () => {
  it("stores a row as Prisma stores the same statement, and in the group commit", async () => {
    const at = new Date("2026-12-05T03:04:05.678Z");
    const before = adapter.stats.statements;
    await client.$connect();
    engineQueries.length = 0;
    expect(await sqlExecute(client, insertUser("direct", at))).toBe(1);
    expect(adapter.stats.statements).toBe(before + 1);
    // Past the engine: it logged nothing (through it, the same client logs the statement).
    expect(engineQueries).toEqual([]);
    await client.$queryRaw`SELECT 1`;
    expect(engineQueries).toHaveLength(1);
    expect(await throughPrisma.$executeRaw(insertUser("prisma", at))).toBe(1);
    const stored = await throughPrisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT "id", "emailVerified", "createdAt" FROM "User" WHERE "id" IN ('direct', 'prisma') ORDER BY "id"`);
    const [direct, prisma] = stored;
    // The same text for the date and the same integer for the boolean, byte for byte.
    expect({ ...direct, id: "same" }).toEqual({ ...prisma, id: "same" });
    const user = await throughPrisma.user.findUniqueOrThrow({ where: { id: "direct" } });
    expect(user.createdAt.toISOString()).toBe(at.toISOString());
    expect(user.emailVerified).toBe(true);
  });

  it("reads the rows Prisma's $queryRaw reads: text as stored, DATETIME as its text, integers as numbers (Prisma's are BigInts)", async () => {
    const query = Prisma.sql`SELECT "id" AS "id", "name" AS "name", "createdAt" AS "createdAt", "emailVerified" AS "emailVerified", length("email") AS "length"
      FROM "User" WHERE "id" IN (${"direct"}, ${"prisma"}) ORDER BY "id"`;
    engineQueries.length = 0;
    const direct = await sqlRows<Record<string, unknown>>(client, query);
    expect(engineQueries).toEqual([]);
    expect(direct).toHaveLength(2);
    expect(direct[0]).toMatchObject({ id: "direct", name: "이름 direct", length: "direct@test".length });
    expect(typeof direct[0].createdAt).toBe("string");
    expect(new Date(direct[0].createdAt as string).toISOString()).toBe("2026-12-05T03:04:05.678Z");
    const viaPrisma = await throughPrisma.$queryRaw<Record<string, unknown>[]>(query);
    expect(direct.map((row) => [row.id, row.name, new Date(row.createdAt as string).getTime(), Number(row.length)])).toEqual(
      viaPrisma.map((row) => [row.id, row.name, new Date(row.createdAt as string).getTime(), Number(row.length)]),
    );
    // A client this module did not see goes through Prisma and answers the same rows.
    expect((await sqlRows<{ id: string }>(throughPrisma, query)).map((row) => row.id)).toEqual(["direct", "prisma"]);
  });

  it("fails a duplicate alone, as a unique violation, and keeps the writes beside it", async () => {
    const at = new Date();
    const results = await Promise.allSettled([sqlExecute(client, insertUser("twin", at)), sqlExecute(client, insertUser("twin", at)), sqlExecute(client, insertUser("beside", at))]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(isUniqueViolation((results[1] as PromiseRejectedResult).reason)).toBe(true);
    expect(await throughPrisma.user.count({ where: { id: { in: ["twin", "beside"] } } })).toBe(2);
  });

  it("connects again after a disconnect", async () => {
    await client.$disconnect();
    expect(adapter.connected).toBeNull();
    const rows = await sqlRows<{ id: string }>(client, Prisma.sql`SELECT "id" FROM "User" WHERE "id" = ${"direct"}`);
    expect(rows).toEqual([{ id: "direct" }]);
  });
});
