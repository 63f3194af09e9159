// `npm run db:restore -- <backup file> [--server-stopped]`: puts a backup in place of the SQLite
// database named by DATABASE_URL (default data/reader.db). The server must be stopped: the
// command refuses while any process has the database open (a running server would go on
// writing to the replaced file). It checks the backup first (integrity, a reader database, no
// migration newer than this version knows), and keeps the replaced database as
// data/backups/reader-replaced-<UTC time>.db. `npm start` afterwards applies any newer
// migrations to an older backup. On PostgreSQL, use pg_restore (docs/databases.md).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { databaseUrl, providerOf, sqliteFilePath } from "@/lib/database/database-url";
import { BackupError, restoreSqlite } from "@/lib/backup/sqlite-backup";

const url = databaseUrl();
const args = process.argv.slice(2);
const serverStopped = args.includes("--server-stopped");
const files = args.filter((arg) => arg !== "--server-stopped");
if (files.length !== 1 || files[0].startsWith("-")) {
  console.error("usage: npm run db:restore -- <backup file> [--server-stopped]");
  process.exit(2);
}
if (providerOf(url) !== "sqlite") {
  console.error("db:restore restores a SQLite database. On PostgreSQL use pg_restore --clean (see docs/databases.md, “Backup and restore”).");
  process.exit(2);
}

const migrations = join(import.meta.dirname, "..", "prisma", "sqlite", "migrations");
const knownMigrations = existsSync(migrations) ? readdirSync(migrations).filter((name) => /^\d+_/.test(name)) : [];
const database = sqliteFilePath(url);
try {
  const { restored, safetyCopy } = restoreSqlite(database, files[0], { knownMigrations, serverStopped });
  console.log(`restored ${files[0]} to ${database} (${restored.annotations ?? 0} annotations, ${restored.users ?? 0} accounts)`);
  console.log(safetyCopy ? `the replaced database is kept as ${safetyCopy}` : "there was no database to replace");
  console.log("start the server again (npm start); it applies any migrations newer than the backup");
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`✗ ${error.message}`);
  process.exit(1);
}
