/**
 * SQL text for the few statements on the busiest paths (a signed-in request's session, a new
 * note's row, who follows what it is about), run on SQLite by the very driver adapter and
 * connection Prisma uses, but past Prisma's query engine.
 *
 * Why: Prisma 6.19 sends even a raw statement through its engine: the query is compiled by its
 * Wasm compiler (which has no plan cache), interpreted, its arguments and rows serialized and read
 * back. Under 32 writers that was 26% of the server's busy time, for two statements per note whose
 * SQL is fixed (bench/README.md, Notes API). The adapter call is what the engine ends with: the
 * same connection, the same argument mapping (dates as the text Prisma stores), the same group
 * commit for writes (lib/database/sqlite-adapter.ts), the same driver errors
 * (isUniqueViolation reads both forms). Outside a transaction only, as the engine would run them.
 *
 * On PostgreSQL, and for any client this module did not see made (a transaction's, a test's
 * own), the statement goes through Prisma as before: its rows' types differ by provider, and
 * PostgreSQL's cost is the network's, not the engine's.
 */
import type { PrismaClient, Prisma } from "@/generated/prisma/client";
import type { AdapterQuery, TunedSQLiteAdapter } from "./sqlite-adapter";

// On globalThis, not in module scope: Next bundles this module into each route's code apart, and
// the client (lib/database/prisma.ts) is made by whichever route asks first.
const factories = ((globalThis as unknown as Record<symbol, WeakMap<PrismaClient, TunedSQLiteAdapter> | undefined>)[Symbol.for("brief-reader.direct-sql")] ??= new WeakMap());

/** Called by createPrismaClient for a SQLite client: its statements may take the direct way. */
export function allowDirectSql(client: PrismaClient, factory: TunedSQLiteAdapter): void {
  factories.set(client, factory);
}

/** Column types of the adapter's result sets (@prisma/driver-adapter-utils's ColumnTypeEnum) read as numbers. */
const INTEGER_COLUMNS = new Set([0, 1]); // Int32, Int64

async function connectedAdapter(client: PrismaClient) {
  const factory = factories.get(client);
  if (!factory) return null;
  if (!factory.connected) await client.$connect();
  return factory.connected;
}

function adapterQuery(query: Prisma.Sql): AdapterQuery {
  // undefined binds as NULL, as Prisma binds it; the adapter maps dates and booleans itself.
  const args = query.values.map((value) => (value === undefined ? null : value));
  return { sql: query.sql, args, argTypes: args.map(() => ({ scalarType: "unknown", arity: "scalar" as const })) };
}

/**
 * The rows of a SELECT, each an object by column name: text as stored (DATETIME included, as the
 * text Prisma wrote), integers as numbers. Give columns names with `AS` where Prisma would.
 */
export async function sqlRows<Row extends Record<string, unknown>>(client: PrismaClient, query: Prisma.Sql): Promise<Row[]> {
  const adapter = await connectedAdapter(client);
  if (!adapter) return client.$queryRaw<Row[]>(query);
  const result = await adapter.queryRaw(adapterQuery(query));
  return result.rows.map((values) => {
    const row: Record<string, unknown> = {};
    result.columnNames.forEach((name, i) => {
      const value = values[i];
      row[name] = typeof value === "string" && INTEGER_COLUMNS.has(result.columnTypes[i]) ? Number(value) : value;
    });
    return row as Row;
  });
}

/** Runs an INSERT, UPDATE or DELETE; the number of rows it changed. Written in the group commit on SQLite. */
export async function sqlExecute(client: PrismaClient, query: Prisma.Sql): Promise<number> {
  const adapter = await connectedAdapter(client);
  if (!adapter) return client.$executeRaw(query);
  return adapter.executeRaw(adapterQuery(query));
}
