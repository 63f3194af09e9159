/**
 * Group commit in the SQLite adapter, against a real migrated file: writes that arrive together
 * share a commit, a failing one is undone alone, nothing is acknowledged before COMMIT, and no
 * write ever lands inside (or is rolled back with) a Prisma transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { sqliteFilePath } from "@/lib/database/database-url";
import { sqliteAdapter } from "@/lib/database/sqlite-adapter";
import { migratedDatabase } from "../../support/migrated-db";

let database: ReturnType<typeof migratedDatabase>;
let adapter: ReturnType<typeof sqliteAdapter>;
let client: PrismaClient;

beforeAll(() => {
  database = migratedDatabase();
  adapter = sqliteAdapter(sqliteFilePath(database.url));
  client = new PrismaClient({ adapter });
}, 120_000);

afterAll(async () => {
  await client?.$disconnect();
  database?.remove();
});

const user = (id: string) => ({ id, name: `이름 ${id}`, email: `${id}@test` });

describe("the SQLite adapter", () => {
  it("runs with WAL, synchronous FULL, a busy timeout and foreign keys", async () => {
    const value = async (pragma: string) => Object.values(((await client.$queryRawUnsafe(`PRAGMA ${pragma}`)) as Record<string, unknown>[])[0])[0];
    expect(await value("journal_mode")).toBe("wal");
    expect(Number(await value("synchronous"))).toBe(2);
    expect(Number(await value("busy_timeout"))).toBe(5000);
    expect(Number(await value("foreign_keys"))).toBe(1);
  });

  it("commits writes that arrive together once, and all of them", async () => {
    const before = { ...adapter.stats };
    const made = await Promise.all(Array.from({ length: 50 }, (_, i) => client.user.create({ data: user(`together-${i}`) })));
    expect(made.map((row) => row.name)).toEqual(Array.from({ length: 50 }, (_, i) => `이름 together-${i}`));
    expect(adapter.stats.statements - before.statements).toBe(50);
    expect(adapter.stats.commits - before.commits).toBeLessThan(5);
    expect(await client.user.count({ where: { id: { startsWith: "together-" } } })).toBe(50);
  });

  it("undoes a failing write alone: the others in its commit are kept", async () => {
    const results = await Promise.allSettled([
      client.user.create({ data: user("alone-1") }),
      client.user.create({ data: { ...user("alone-2"), email: "alone-1@test" } }),
      client.user.create({ data: user("alone-3") }),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: "P2002" });
    expect((await client.user.findMany({ where: { id: { startsWith: "alone-" } }, orderBy: { id: "asc" } })).map((row) => row.id)).toEqual(["alone-1", "alone-3"]);
  });

  // Without group commit, the adapter ran the outside write inside the open transaction and
  // answered it at once; the rollback then took it away: an acknowledged write lost.
  it("keeps a write made outside a transaction that rolls back while it waits, and answers it after", async () => {
    let outside: Promise<unknown> = Promise.resolve();
    let acknowledged = false;
    await expect(
      client.$transaction(async (tx) => {
        await tx.user.create({ data: user("inside") });
        // Issued on the same connection while the transaction is open (`then` sends it: Prisma's promises are lazy).
        outside = client.user.create({ data: user("outside") }).then(() => (acknowledged = true));
        await new Promise((done) => setTimeout(done, 50));
        expect(acknowledged).toBe(false);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await outside;
    expect(acknowledged).toBe(true);
    expect(await client.user.findUnique({ where: { id: "inside" } })).toBeNull();
    expect(await client.user.findUnique({ where: { id: "outside" } })).not.toBeNull();
  });

  it("reuses prepared statements with each call's own arguments", async () => {
    await Promise.all(["reuse-a", "reuse-b"].map((id) => client.user.create({ data: user(id) })));
    for (let i = 0; i < 3; i++) {
      expect((await client.user.findUnique({ where: { id: "reuse-a" } }))?.name).toBe("이름 reuse-a");
      expect((await client.user.findUnique({ where: { id: "reuse-b" } }))?.name).toBe("이름 reuse-b");
      expect(await client.user.findUnique({ where: { id: "reuse-none" } })).toBeNull();
      expect(await client.$queryRaw`SELECT ${i} + 1 AS "n", ${`값 ${i}`} AS "s"`).toEqual([{ n: i + 1, s: `값 ${i}` }]);
    }
  });

  it("answers a write only once it is committed: a read after it sees it", async () => {
    let acknowledged = false;
    const created = client.user.create({ data: user("visible") }).then(() => (acknowledged = true));
    // Sent, not yet committed: the batch runs at the end of this turn of the event loop.
    expect(await client.user.findUnique({ where: { id: "visible" } })).toBeNull();
    expect(acknowledged).toBe(false);
    await created;
    expect(await client.user.findUnique({ where: { id: "visible" } })).not.toBeNull();
  });
});
