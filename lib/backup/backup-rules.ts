/**
 * The rules of SQLite backup and restore, without IO: where a backup goes by default, and what
 * makes a file fit to replace the live database. lib/backup/sqlite-backup.ts does the IO.
 */
import { basename, dirname, extname, join } from "node:path";

/** A sortable UTC timestamp for file names: 2026-11-24T01-15-30Z. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
}

/** data/reader.db → data/backups/reader-<stamp>.db (beside the database, so on the same disk). */
export function defaultBackupPath(databasePath: string, date: Date, label = ""): string {
  const extension = extname(databasePath) || ".db";
  const name = basename(databasePath, extname(databasePath));
  return join(dirname(databasePath), "backups", `${name}-${label ? `${label}-` : ""}${fileStamp(date)}${extension}`);
}

/** What a restore needs to know about a candidate file (read by inspectSqliteFile). */
export interface DatabaseFacts {
  /** Rows of `PRAGMA integrity_check`: ["ok"] when sound. */
  integrity: string[];
  tables: string[];
  /** Rows of _prisma_migrations, when the table exists. */
  migrations: { name: string; finished: boolean; rolledBack: boolean }[];
}

/** Tables every reader database has had since its first migration. */
export const READER_TABLES = ["Brief", "Annotation", "User", "Session"];

/**
 * Why a file cannot replace the reader's database, or [] when it can. `knownMigrations` are the
 * migration folders this version of the app ships: a backup that recorded one it does not know
 * was made by a newer version, whose schema this one would misread.
 */
export function restoreProblems(facts: DatabaseFacts, knownMigrations: string[]): string[] {
  const problems: string[] = [];
  if (facts.integrity.length !== 1 || facts.integrity[0] !== "ok") {
    problems.push(`it fails SQLite's integrity check: ${facts.integrity.slice(0, 3).join("; ")}`);
  }
  if (!facts.tables.includes("_prisma_migrations")) {
    problems.push("it has no _prisma_migrations table, so it is not a reader database (or predates migrations)");
    return problems;
  }
  const missing = READER_TABLES.filter((table) => !facts.tables.includes(table));
  if (missing.length > 0) problems.push(`it lacks the reader's tables ${missing.join(", ")}`);
  const applied = facts.migrations.filter((migration) => !migration.rolledBack);
  if (applied.length === 0) problems.push("no migration was ever applied to it");
  const unfinished = applied.filter((migration) => !migration.finished).map((migration) => migration.name);
  if (unfinished.length > 0) problems.push(`its migration ${unfinished.join(", ")} did not finish`);
  const known = new Set(knownMigrations);
  const newer = applied.map((migration) => migration.name).filter((name) => !known.has(name));
  if (newer.length > 0) problems.push(`it was made by a newer version of the app (migration ${newer.join(", ")} is unknown here)`);
  return problems;
}
