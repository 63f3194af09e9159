/** Briefs and the source revisions the reader has seen: one module for the Brief aggregate. */
import type { PrismaClient } from "@/generated/prisma/client";
import type { BriefCounts } from "@/lib/domain/brief";

export interface RevisionInput {
  slug: string;
  title: string;
  byline: string;
  language: string;
  sha256: string;
  source: string;
  counts: BriefCounts;
}

export interface RevisionRecord {
  sha256: string;
  createdAt: Date;
  counts: BriefCounts;
}

/** Records a brief and its current source text; a text seen before is not stored twice. */
export async function recordRevision(client: PrismaClient, input: RevisionInput): Promise<void> {
  const brief = { title: input.title, byline: input.byline, language: input.language };
  await client.$transaction([
    client.brief.upsert({ where: { slug: input.slug }, create: { slug: input.slug, ...brief }, update: brief }),
    client.briefRevision.upsert({
      where: { briefSlug_sha256: { briefSlug: input.slug, sha256: input.sha256 } },
      create: { briefSlug: input.slug, sha256: input.sha256, source: input.source, ...input.counts },
      update: {},
    }),
  ]);
}

/** A brief's revisions, newest first. */
export async function listRevisions(client: PrismaClient, slug: string): Promise<RevisionRecord[]> {
  const rows = await client.briefRevision.findMany({ where: { briefSlug: slug }, orderBy: { createdAt: "desc" } });
  return rows.map((row) => ({
    sha256: row.sha256,
    createdAt: row.createdAt,
    counts: { sections: row.sections, claims: row.claims, points: row.points },
  }));
}
