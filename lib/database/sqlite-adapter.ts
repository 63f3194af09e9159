/**
 * The SQLite driver adapter with the connection settings the app relies on, applied to every
 * connection Prisma opens (the adapter has no option for pragmas), and with group commit: the
 * single-statement writes that arrive together are committed in one transaction, one sync of
 * the log for all of them, each still answered only once it is durable; and prepared statements
 * are kept for reuse.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

/**
 * - `journal_mode = WAL`: a commit appends to the write-ahead log and syncs it once, instead of
 *   writing a rollback journal and the database file with several syncs (about 0.35 ms against
 *   3 ms per commit on the project's machines when the disk is idle). Readers no longer wait for
 *   a writer. The mode is stored in the file, so the CLI (migrations, backups) uses it too.
 * - `synchronous = FULL`: the log is synced on every commit, so an acknowledged write survives a
 *   power cut, not only a crash of the process. better-sqlite3's SQLite is compiled with
 *   `SQLITE_DEFAULT_WAL_SYNCHRONOUS=1` (NORMAL): WAL would otherwise silently weaken it, and
 *   NORMAL can lose the last commits on power loss.
 * - `busy_timeout = 5000`: another process writing (a second server, the CLI, a backup) makes
 *   this one wait up to 5 s for the lock instead of failing with SQLITE_BUSY at once.
 * - `foreign_keys = ON`: the schema's relations are enforced (better-sqlite3's default; stated
 *   so it does not depend on how SQLite was compiled).
 */
export const SQLITE_PRAGMAS = ["journal_mode = WAL", "synchronous = FULL", "busy_timeout = 5000", "foreign_keys = ON"];

/** How many write statements went out in how many commits, for tests and benchmarks. */
export interface GroupCommitStats {
  commits: number;
  statements: number;
  largest: number;
}

/** The parts of better-sqlite3's Statement the adapter uses. */
interface Statement {
  readonly reader: boolean;
  run(...parameters: unknown[]): unknown;
  all(...parameters: unknown[]): unknown[];
  raw(toggle?: boolean): Statement;
  columns(): unknown[];
  bind(...parameters: unknown[]): Statement;
}

/** The parts of better-sqlite3's Database the group commit and the statement cache use. */
interface SqliteHandle {
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
}

/** How many prepared statements each connection keeps; the app sends a few dozen distinct ones. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Keeps the connection's prepared statements for reuse. The adapter prepares every statement
 * anew (`prepare(sql).bind(args)`, and a bound statement cannot be bound again), which cost about
 * 4% of the server's time under load; here `prepare` returns a stand-in whose `bind` remembers
 * the arguments and passes them to the cached statement on each call instead.
 */
function reuseStatements(client: SqliteHandle): void {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, Statement>();
  const cached = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
    } else {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return statement;
  };
  const bound = (statement: Statement, parameters: unknown[]): Statement => {
    const stand: Statement = {
      reader: statement.reader,
      run: () => statement.run(...parameters),
      all: () => statement.all(...parameters),
      raw(toggle = true) {
        statement.raw(toggle);
        return stand;
      },
      columns: () => statement.columns(),
      bind: () => {
        throw new TypeError("The bind() method can only be invoked once per statement object");
      },
    };
    return stand;
  };
  client.prepare = (sql: string): Statement => {
    const statement = cached(sql);
    // Raw mode sticks to a statement; each use starts from objects, as a fresh one would.
    if (statement.reader) statement.raw(false);
    return {
      reader: statement.reader,
      run: (...parameters) => statement.run(...parameters),
      all: (...parameters) => statement.all(...parameters),
      raw: (toggle = true) => bound(statement, []).raw(toggle),
      columns: () => statement.columns(),
      bind: (...parameters) => bound(statement, parameters),
    };
  };
}

/**
 * What the adapter (@prisma/adapter-better-sqlite3 6.19) does inside: `performIO` (statements
 * that return rows) and `executeIO` (the others) run the statement synchronously on `client` —
 * better-sqlite3 is synchronous — and return a settled promise, or throw the driver error
 * (through `onError`). Transactions get their own object, so these two serve only statements
 * outside any transaction.
 */
interface AdapterInternals {
  client: SqliteHandle;
  performIO(query: { sql: string }): Promise<unknown>;
  executeIO(query: { sql: string }): Promise<unknown>;
  onError(error: unknown): never;
  dispose(): Promise<void>;
}

const WRITE = /^\s*(insert|update|delete|replace)\b/i;

interface Pending {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Makes the adapter's writes outside transactions wait for the end of the current turn of the
 * event loop, then runs all that arrived in one `BEGIN IMMEDIATE … COMMIT`, each statement in its
 * own savepoint, so one that fails (a unique key taken, say) is undone alone and the others are
 * kept. Every write's promise settles after the COMMIT, so nothing is acknowledged before it is
 * on disk. The batch runs synchronously, so no other query can slip into it; and it waits while
 * a Prisma transaction is open on the connection, so its writes never become part of one (which
 * a rollback could undo after they were acknowledged).
 *
 * Why: with `synchronous = FULL` each commit waits for the disk, and better-sqlite3 waits on the
 * event loop's thread, so every single-statement commit stalls the whole server. Under load, the
 * writes of many requests share one sync.
 */
function groupCommits(adapter: AdapterInternals, stats: GroupCommitStats): void {
  const { client } = adapter;
  const performIO = adapter.performIO.bind(adapter);
  const executeIO = adapter.executeIO.bind(adapter);
  const dispose = adapter.dispose.bind(adapter);
  const begin = client.prepare("BEGIN IMMEDIATE");
  const commit = client.prepare("COMMIT");
  const rollback = client.prepare("ROLLBACK");
  const savepoint = client.prepare("SAVEPOINT grouped_write");
  const release = client.prepare("RELEASE grouped_write");
  const undo = client.prepare("ROLLBACK TO grouped_write");
  let pending: Pending[] = [];
  let scheduled = false;

  const driverError = (error: unknown): unknown => {
    try {
      adapter.onError(error);
    } catch (converted) {
      return converted;
    }
    return error;
  };

  const flush = (): void => {
    if (pending.length === 0) {
      scheduled = false;
      return;
    }
    // A Prisma transaction is open on this connection (it spans several turns): wait for its end.
    // (The app opens few: recording a new revision, re-anchoring, some of better-auth's token
    // handling; a steady stream of them back to back would hold these writes back.)
    if (client.inTransaction) {
      setImmediate(flush);
      return;
    }
    scheduled = false;
    const batch = pending;
    pending = [];
    const outcomes: ({ ok: true; value: Promise<unknown> } | { ok: false; error: unknown })[] = [];
    try {
      begin.run();
      for (const item of batch) {
        savepoint.run();
        try {
          outcomes.push({ ok: true, value: item.run() });
          release.run();
        } catch (error) {
          // The statement failed: undo it alone (unless SQLite already ended the transaction).
          if (!client.inTransaction) throw error;
          undo.run();
          release.run();
          outcomes.push({ ok: false, error });
        }
      }
      commit.run();
    } catch (error) {
      // Nothing of this batch is on disk: every write in it fails, none is acknowledged.
      if (client.inTransaction) rollback.run();
      const failure = driverError(error);
      for (const item of batch) item.reject(failure);
      return;
    }
    stats.commits++;
    stats.statements += batch.length;
    stats.largest = Math.max(stats.largest, batch.length);
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  };

  const enqueue = (run: () => Promise<unknown>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      pending.push({ run, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });

  adapter.performIO = (query) => (WRITE.test(query.sql) ? enqueue(() => performIO(query)) : performIO(query));
  adapter.executeIO = (query) => (WRITE.test(query.sql) ? enqueue(() => executeIO(query)) : executeIO(query));
  adapter.dispose = async () => {
    if (!client.inTransaction) flush();
    return dispose();
  };
}

/** A statement as Prisma's engine hands it to a driver adapter (@prisma/driver-adapter-utils's SqlQuery). */
export interface AdapterQuery {
  sql: string;
  args: unknown[];
  argTypes: { scalarType: string; arity: "scalar" | "list" }[];
}

/** The connection's statements outside transactions, as Prisma's engine runs them (lib/database/direct-sql.ts). */
export interface ConnectedSQLite {
  queryRaw(query: AdapterQuery): Promise<{ columnNames: string[]; columnTypes: number[]; rows: unknown[][] }>;
  executeRaw(query: AdapterQuery): Promise<number>;
}

class TunedSQLite3 extends PrismaBetterSQLite3 {
  readonly stats: GroupCommitStats = { commits: 0, statements: 0, largest: 0 };
  /** The adapter Prisma connected through (one per client), until it is disposed. */
  connected: ConnectedSQLite | null = null;

  async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_PRAGMAS.map((pragma) => `PRAGMA ${pragma};`).join("\n"));
    groupCommits(adapter as unknown as AdapterInternals, this.stats);
    reuseStatements((adapter as unknown as AdapterInternals).client);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => {
      if (this.connected === (adapter as unknown)) this.connected = null;
      return dispose();
    };
    this.connected = adapter as unknown as ConnectedSQLite;
    return adapter;
  }
}

export type TunedSQLiteAdapter = PrismaBetterSQLite3 & { readonly stats: GroupCommitStats; readonly connected: ConnectedSQLite | null };

/** The adapter factory for a SQLite file (an absolute path). */
export function sqliteAdapter(file: string): TunedSQLiteAdapter {
  return new TunedSQLite3({ url: `file:${file}`, timeout: 5_000 });
}
