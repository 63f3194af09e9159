// Records every brief in content/ and its current source revision in the database.
// Run by the start script after `prisma migrate deploy`; safe to run again (it upserts).
import { listBriefSlugs, loadBrief } from "@/lib/content/catalog";
import { recordRevision } from "@/lib/db/brief-revisions";
import { createPrismaClient } from "@/lib/database/prisma";
import { viewOf } from "@/lib/services/briefs";

const client = createPrismaClient();
try {
  for (const slug of await listBriefSlugs()) {
    const brief = await loadBrief(slug);
    const view = viewOf(brief);
    await recordRevision(client, { ...view, sha256: brief.sha256, source: brief.source });
    console.log(`seed: ${slug} revision ${brief.sha256.slice(0, 12)} (${view.counts.sections} sections, ${view.counts.claims} claims, ${view.counts.points} points)`);
  }
} finally {
  await client.$disconnect();
}
