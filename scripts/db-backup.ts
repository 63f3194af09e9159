// `npm run db:backup -- [file]`: an online backup of the SQLite database named by DATABASE_URL
// (default data/reader.db), safe while the server is writing; default file
// data/backups/reader-<UTC time>.db. The copy is verified (`PRAGMA integrity_check`) before it
// gets its name. On PostgreSQL, use pg_dump (docs/databases.md).
import { resolve } from "node:path";
import { databaseUrl, providerOf, sqliteFilePath } from "@/lib/database/database-url";
import { BackupError, backupSqlite } from "@/lib/backup/sqlite-backup";

const url = databaseUrl();
const args = process.argv.slice(2);
if (args.some((arg) => arg.startsWith("-")) || args.length > 1) {
  console.error("usage: npm run db:backup -- [backup file]");
  process.exit(2);
}
if (providerOf(url) !== "sqlite") {
  console.error("db:backup copies a SQLite database. On PostgreSQL use pg_dump --format=custom (see docs/databases.md, “Backup and restore”).");
  process.exit(2);
}

try {
  const result = backupSqlite(sqliteFilePath(url), args[0] ? resolve(args[0]) : undefined);
  const kb = (result.bytes / 1024).toFixed(0);
  console.log(`backup: ${result.file} (${kb} KiB, ${result.annotations ?? 0} annotations, ${result.users ?? 0} accounts; integrity ok) in ${result.milliseconds} ms`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`✗ ${error.message}`);
  process.exit(1);
}
