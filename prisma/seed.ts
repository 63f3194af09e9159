// Imports the seeds into the database: the knowledge base of content/entities and
// content/agreements (entries new or changed since their last import), then the briefs of
// content/briefs (a folder that is new or changed becomes a brief's current revision, annotations
// re-anchored onto it). Run by the start script after `prisma migrate deploy`; a second run with
// nothing changed reads the files and the rows, and writes nothing but the stamp (SEED_STAMP,
// from scripts/prepare-db.mjs), which lets the next start skip it while its inputs stay the same.
import { db } from "@/lib/database/prisma";
import { recordSeedStamp } from "@/lib/db/seed-stamp";
import { importKnowledgeSeed } from "@/lib/services/knowledge-seed";
import { importSeeds } from "@/lib/services/library-sync";

let failed = 0;
try {
  const knowledge = await importKnowledgeSeed();
  if (knowledge.created.length > 0) console.log(`seed: knowledge base: ${knowledge.created.length} entities and records added`);
  if (knowledge.updated.length > 0) console.log(`seed: knowledge base: updated from content/: ${knowledge.updated.join(", ")}`);
  for (const id of knowledge.kept) console.warn(`seed: knowledge base: “${id}” changed in content/ and in the app; the app's version is kept (npm run kb:export writes it out)`);
} catch (error) {
  failed++;
  console.error(`seed: knowledge base: ${(error as Error).message}`);
}

const report = await importSeeds();
for (const done of report.imported) {
  console.log(`seed: ${done.slug} revision ${done.sha256.slice(0, 12)}${done.reanchored ? ` (${done.reanchored} annotations re-anchored)` : ""}`);
}
if (report.unchanged.length > 0) console.log(`seed: ${report.unchanged.length} brief(s) unchanged`);
for (const failure of report.failed) console.error(`seed: ${failure.slug}: ${failure.message}`);
// Only a seed without failures is recorded: the next start then skips it while its inputs stay the same.
if (report.failed.length + failed === 0 && process.env.SEED_STAMP) await recordSeedStamp(db(), process.env.SEED_STAMP);
await db().$disconnect();
process.exit(report.failed.length + failed > 0 ? 1 : 0);
