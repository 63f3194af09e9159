/**
 * Online backup and offline restore of the SQLite database (scripts/db-backup.ts and
 * scripts/db-restore.ts are the commands; docs/databases.md explains the choices).
 *
 * Backup is `VACUUM INTO`: one read transaction, so the copy is a consistent snapshot even while
 * the server writes (writers wait for it, up to better-sqlite3's busy timeout, and it takes
 * milliseconds at this app's sizes); unlike the page-by-page backup API it never restarts when
 * another process writes meanwhile. The copy is written under a `.partial` name and renamed
 * only once it passes `PRAGMA integrity_check`.
 *
 * Restore replaces the file, which is only safe with no server holding it open: a running
 * server would keep writing to the old, unlinked file and lose everything it wrote after. So it
 * refuses while any process has the database open, and moves the replaced database (with any
 * journal) aside as a safety copy rather than deleting it.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readlinkSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { type DatabaseFacts, defaultBackupPath, restoreProblems } from "./backup-rules";

/** A problem the person running the command can act on; the message says what to do. */
export class BackupError extends Error {
  override name = "BackupError";
}

/** SQLite's companion files: a rollback journal or a write-ahead log belongs with its database. */
const COMPANIONS = ["-journal", "-wal", "-shm"];

export interface FileSummary extends DatabaseFacts {
  bytes: number;
  annotations: number | null;
  users: number | null;
}

/** Opens a file as SQLite (read-only) and reads what a restore checks, plus a few counts. */
export function inspectSqliteFile(file: string): FileSummary {
  if (!existsSync(file)) throw new BackupError(`No file at ${file}`);
  if (!statSync(file).isFile()) throw new BackupError(`${file} is not a file`);
  let database: Database.Database;
  try {
    database = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a SQLite database (${(error as Error).message})`);
  }
  try {
    let tables: string[];
    try {
      tables = (database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name);
    } catch (error) {
      throw new BackupError(`${file} is not a SQLite database (${(error as Error).message})`);
    }
    const integrity = (database.pragma("integrity_check") as { integrity_check: string }[]).map((row) => row.integrity_check);
    const migrations = tables.includes("_prisma_migrations")
      ? (database.prepare("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at").all() as {
          migration_name: string;
          finished_at: unknown;
          rolled_back_at: unknown;
        }[]).map((row) => ({ name: row.migration_name, finished: row.finished_at !== null, rolledBack: row.rolled_back_at !== null }))
      : [];
    const count = (table: string) => (tables.includes(table) ? Number((database.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n) : null);
    return { integrity, tables, migrations, bytes: statSync(file).size, annotations: count("Annotation"), users: count("User") };
  } finally {
    database.close();
  }
}

export interface BackupResult extends FileSummary {
  file: string;
  milliseconds: number;
}

/** Copies the live database to `target` (default: backups/ beside it) and verifies the copy. */
export function backupSqlite(databasePath: string, target?: string, now = new Date()): BackupResult {
  const started = performance.now();
  if (!existsSync(databasePath)) throw new BackupError(`No database at ${databasePath}: nothing to back up (is DATABASE_URL right?)`);
  const file = resolve(target ?? defaultBackupPath(databasePath, now));
  if (existsSync(file)) throw new BackupError(`${file} exists already; name another file`);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  // Waits up to 10 s for a writer that holds the database, rather than failing at once.
  const source = new Database(databasePath, { fileMustExist: true, timeout: 10_000 });
  try {
    source.prepare("VACUUM INTO ?").run(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`The backup failed: ${(error as Error).message}`);
  } finally {
    source.close();
  }
  const summary = inspectSqliteFile(partial);
  if (summary.integrity.join() !== "ok") {
    rmSync(partial, { force: true });
    throw new BackupError(`The copy failed its integrity check (${summary.integrity.slice(0, 3).join("; ")}); nothing was kept`);
  }
  renameSync(partial, file);
  return { ...summary, file, milliseconds: Math.round(performance.now() - started) };
}

export interface Holder {
  pid: number;
  command: string;
}

/**
 * The processes (other than this one) that have the database or its journal open, read from
 * /proc; null where there is no /proc to read (not Linux), so the caller cannot tell.
 */
export function processesHolding(databasePath: string): Holder[] | null {
  if (!existsSync("/proc/self/fd")) return null;
  const files = new Set([databasePath, ...COMPANIONS.map((suffix) => databasePath + suffix)].map((path) => resolve(path)));
  const holders: Holder[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let descriptors: string[];
    try {
      descriptors = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // Gone, or another user's (the server normally runs as the same user).
    }
    const holds = descriptors.some((fd) => {
      try {
        return files.has(readlinkSync(`/proc/${entry}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (!holds) continue;
    let command = "";
    try {
      command = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ").slice(0, 120);
    } catch {
      // Exited meanwhile.
    }
    holders.push({ pid: Number(entry), command });
  }
  return holders;
}

/** Fails unless no connection holds a lock on the database (a second check, /proc or not). */
function assertUnlocked(databasePath: string): void {
  if (!existsSync(databasePath)) return;
  const database = new Database(databasePath, { fileMustExist: true, timeout: 0 });
  try {
    database.exec("BEGIN EXCLUSIVE; COMMIT;");
  } catch (error) {
    throw new BackupError(`The database is in use (${(error as Error).message}): stop the server, then restore`);
  } finally {
    database.close();
  }
}

function move(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    copyFileSync(from, to);
    rmSync(from);
  }
}

export interface RestoreOptions {
  /** Migration folder names this version of the app ships (prisma/sqlite/migrations). */
  knownMigrations: string[];
  /** Where /proc cannot tell: the person running the command says the server is stopped. */
  serverStopped?: boolean;
  now?: Date;
}

export interface RestoreResult {
  restored: FileSummary;
  /** Where the replaced database went; null when there was none. */
  safetyCopy: string | null;
}

/** Puts a verified backup in place of the (stopped) database, keeping the old one aside. */
export function restoreSqlite(databasePath: string, backupFile: string, options: RestoreOptions): RestoreResult {
  const source = resolve(backupFile);
  if (!existsSync(source)) throw new BackupError(`No backup file at ${source}`);
  if (source === resolve(databasePath)) throw new BackupError("That is the live database itself; name a backup file");
  const restored = inspectSqliteFile(source);
  const problems = restoreProblems(restored, options.knownMigrations);
  if (problems.length > 0) throw new BackupError(`${source} cannot be restored: ${problems.join("; ")}`);

  const holders = processesHolding(databasePath);
  if (holders === null && !options.serverStopped) {
    throw new BackupError("This system has no /proc, so the restore cannot tell whether the server is running. Stop it, then run again with --server-stopped");
  }
  if (holders && holders.length > 0) {
    const who = holders.map((holder) => `${holder.pid} (${holder.command || "?"})`).join(", ");
    throw new BackupError(`The database is open in process ${who}. Stop the server first (Ctrl-C, or your service manager), then restore; nothing was changed`);
  }
  assertUnlocked(databasePath);

  let safetyCopy: string | null = null;
  const moved: [string, string][] = [];
  if (existsSync(databasePath)) {
    safetyCopy = defaultBackupPath(databasePath, options.now ?? new Date(), "replaced");
    mkdirSync(dirname(safetyCopy), { recursive: true });
    for (const suffix of ["", ...COMPANIONS]) {
      if (!existsSync(databasePath + suffix)) continue;
      move(databasePath + suffix, safetyCopy + suffix);
      moved.push([safetyCopy + suffix, databasePath + suffix]);
    }
  }
  const incoming = `${databasePath}.restoring`;
  try {
    mkdirSync(dirname(databasePath), { recursive: true });
    copyFileSync(source, incoming);
    renameSync(incoming, databasePath);
  } catch (error) {
    rmSync(incoming, { force: true });
    for (const [from, to] of moved) move(from, to);
    throw new BackupError(`The restore failed and the database was put back as it was: ${(error as Error).message}`);
  }
  return { restored, safetyCopy };
}
