// Imports the seed briefs of content/briefs/ into the library: a folder that is new or changed
// since its last import becomes a brief's current revision (annotations re-anchored onto it).
// Run by the start script after `prisma migrate deploy`; a second run with nothing changed reads
// the files and the briefs' records, and writes nothing.
import { db } from "@/lib/database/prisma";
import { importSeeds } from "@/lib/services/library-sync";

const report = await importSeeds();
for (const done of report.imported) {
  console.log(`seed: ${done.slug} revision ${done.sha256.slice(0, 12)}${done.reanchored ? ` (${done.reanchored} annotations re-anchored)` : ""}`);
}
if (report.unchanged.length > 0) console.log(`seed: ${report.unchanged.length} brief(s) unchanged`);
for (const failure of report.failed) console.error(`seed: ${failure.slug}: ${failure.message}`);
await db().$disconnect();
process.exit(report.failed.length > 0 ? 1 : 0);
