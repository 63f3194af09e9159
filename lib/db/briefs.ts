/**
 * The Brief aggregate's storage: a brief's metadata and status, its revisions (every text it has
 * had), its uploaded originals, and the library's version counter. The only queries of those
 * tables; the rules (who may publish, when annotations move) are the services'.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { signalAnnotationEvents } from "@/lib/database/annotation-signal";
import { type BriefCounts, type BriefMetadata, briefMetadataSchema } from "@/lib/domain/brief";
import { type NewAnchor, anchorUpdates } from "./annotations";
import { type CuratedAnchor, curatedAnchorUpdates } from "./curated-mentions";
import { bumpKnowledge } from "./knowledge-changes";

/** The version counter every change to the library bumps (lib/services/library.ts reads it). */
export const LIBRARY_SCOPE = "library";

export type BriefStatus = "published" | "draft";
export type SourceFormat = "brief" | "markdown" | "docx" | "pdf";

/** A brief as the library lists it: no texts, just what says which revision is current. */
export interface BriefRecord {
  slug: string;
  status: BriefStatus;
  title: string;
  byline: string;
  language: string;
  metadata: BriefMetadata;
  currentSha: string | null;
  draftSha: string | null;
  seedHash: string | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One stored text of a brief. */
export interface RevisionRecord {
  sha256: string;
  createdAt: Date;
  counts: BriefCounts;
  format: SourceFormat;
}

/** A stored text with what was made of its file: the source, and the layout and problems of conversion. */
export interface StoredRevision extends RevisionRecord {
  slug: string;
  source: string;
  /** JSON as written by the converter (pages per line, furniture); null for texts typed in the brief format. */
  layout: unknown;
  problems: unknown[];
  fileId: string | null;
}

type BriefRow = Awaited<ReturnType<PrismaClient["brief"]["findMany"]>>[number];

function parseJson(text: string | null, fallback: unknown): unknown {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

function recordOf(row: BriefRow): BriefRecord {
  // Metadata was validated on the way in; a row edited by hand falls back to what the columns say.
  const parsed = briefMetadataSchema.safeParse(parseJson(row.metadata, {}));
  const metadata = parsed.success ? parsed.data : { title: row.title, author: row.byline || "—", affiliation: "—", language: row.language };
  return {
    slug: row.slug,
    status: row.status === "draft" ? "draft" : "published",
    title: row.title,
    byline: row.byline,
    language: row.language,
    metadata,
    currentSha: row.currentSha,
    draftSha: row.draftSha,
    seedHash: row.seedHash,
    createdById: row.createdById,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The library's version: it changes in the same transaction as every change of a brief. */
export async function libraryVersion(client: PrismaClient): Promise<number> {
  const row = await client.contentVersion.findUnique({ where: { scope: LIBRARY_SCOPE }, select: { version: true } });
  return row?.version ?? 0;
}

/** Every brief, drafts included, in slug order. */
export async function listBriefRecords(client: PrismaClient): Promise<BriefRecord[]> {
  return (await client.brief.findMany({ orderBy: { slug: "asc" } })).map(recordOf);
}

export async function findBriefRecord(client: PrismaClient, slug: string): Promise<BriefRecord | null> {
  const row = await client.brief.findUnique({ where: { slug } });
  return row ? recordOf(row) : null;
}

/** One stored text of a brief, or null. */
export async function findRevision(client: PrismaClient, slug: string, sha256: string): Promise<StoredRevision | null> {
  const row = await client.briefRevision.findUnique({ where: { briefSlug_sha256: { briefSlug: slug, sha256 } } });
  if (!row) return null;
  return {
    slug: row.briefSlug,
    sha256: row.sha256,
    source: row.source,
    createdAt: row.createdAt,
    counts: { sections: row.sections, claims: row.claims, points: row.points },
    format: row.format as SourceFormat,
    layout: parseJson(row.layout, null),
    problems: parseJson(row.problems, []) as unknown[],
    fileId: row.fileId,
  };
}

/** A brief's revisions, newest first. */
export async function listRevisions(client: PrismaClient, slug: string): Promise<RevisionRecord[]> {
  const rows = await client.briefRevision.findMany({
    where: { briefSlug: slug },
    orderBy: { createdAt: "desc" },
    select: { sha256: true, createdAt: true, sections: true, claims: true, points: true, format: true },
  });
  return rows.map((row) => ({ sha256: row.sha256, createdAt: row.createdAt, counts: { sections: row.sections, claims: row.claims, points: row.points }, format: row.format as SourceFormat }));
}

/** The briefs whose current text is exactly this one (the same SHA-256): a duplicate upload. */
export async function briefsWithText(client: PrismaClient, sha256: string): Promise<string[]> {
  const rows = await client.brief.findMany({ where: { OR: [{ currentSha: sha256 }, { draftSha: sha256 }] }, select: { slug: true } });
  return rows.map((row) => row.slug);
}

export interface RevisionWrite {
  slug: string;
  sha256: string;
  source: string;
  counts: BriefCounts;
  format: SourceFormat;
  layout: unknown;
  problems: unknown[];
  createdById: string | null;
  file?: { sha256: string; name: string; mediaType: string; content: Uint8Array } | null;
}

/** How a brief is to stand after a write: its metadata, status and which revision is current or drafted. */
export interface BriefWrite {
  slug: string;
  status: BriefStatus;
  title: string;
  byline: string;
  language: string;
  metadata: BriefMetadata;
  currentSha: string | null;
  draftSha: string | null;
  /** Undefined leaves it as it is. */
  seedHash?: string | null;
  createdById?: string | null;
}

/**
 * Stores a brief, its new revision (once per text), the annotations and the editors' curated
 * mentions re-anchored onto the revision that becomes current, and a new library version (and a
 * new knowledge version when curated mentions moved), in one transaction: a reader sees the new
 * text with the moved highlights and links together, or neither. Each anchor update is guarded by
 * the revision it was computed from, so two processes doing the same sync do the work once.
 */
export async function writeBrief(client: PrismaClient, brief: BriefWrite, revision: RevisionWrite | null, anchors: NewAnchor[], curated: CuratedAnchor[] = []): Promise<void> {
  const { slug, seedHash, createdById, ...fields } = brief;
  const data = { ...fields, metadata: JSON.stringify(brief.metadata), ...(seedHash !== undefined ? { seedHash } : {}) };
  const operations = [];
  operations.push(client.brief.upsert({ where: { slug }, create: { slug, ...data, createdById: createdById ?? null }, update: data }));
  if (revision) {
    let fileId: string | null = null;
    if (revision.file) {
      const file = revision.file;
      // Named by what it is, so storing the same file of the same brief again is a no-op.
      fileId = `f${createHash("sha256").update(`${slug}\0${file.sha256}`).digest("hex").slice(0, 32)}`;
      operations.push(
        client.briefFile.upsert({
          where: { id: fileId },
          create: { id: fileId, briefSlug: slug, sha256: file.sha256, name: file.name, mediaType: file.mediaType, size: file.content.byteLength, content: Buffer.from(file.content) },
          update: {},
        }),
      );
    }
    const revisionData = {
      source: revision.source,
      ...revision.counts,
      format: revision.format,
      layout: revision.layout === null ? null : JSON.stringify(revision.layout),
      problems: JSON.stringify(revision.problems),
      fileId,
      createdById: revision.createdById,
    };
    operations.push(
      client.briefRevision.upsert({
        where: { briefSlug_sha256: { briefSlug: slug, sha256: revision.sha256 } },
        create: { briefSlug: slug, sha256: revision.sha256, ...revisionData },
        // A text seen before keeps its first record; a later upload of it may bring its file.
        update: fileId ? { fileId, format: revision.format, layout: revisionData.layout, problems: revisionData.problems } : {},
      }),
    );
  }
  operations.push(...anchorUpdates(client, anchors));
  if (curated.length > 0) operations.push(...curatedAnchorUpdates(client, curated), bumpKnowledge(client));
  operations.push(bumpLibrary(client));
  await client.$transaction(operations);
  if (anchors.length > 0) signalAnnotationEvents();
}

function bumpLibrary(client: PrismaClient) {
  return client.contentVersion.upsert({ where: { scope: LIBRARY_SCOPE }, create: { scope: LIBRARY_SCOPE, version: 1 }, update: { version: { increment: 1 } } });
}

/** Changes what the library shows of a brief, and nothing of its texts. */
export async function saveBriefMetadata(client: PrismaClient, slug: string, fields: { title: string; byline: string; language: string; metadata: BriefMetadata }): Promise<void> {
  await client.$transaction([
    client.brief.update({ where: { slug }, data: { ...fields, metadata: JSON.stringify(fields.metadata) } }),
    bumpLibrary(client),
  ]);
}

/** Removes a brief that never left draft, with its revisions and files (annotations go with it). */
export async function deleteBrief(client: PrismaClient, slug: string): Promise<void> {
  await client.$transaction([client.brief.delete({ where: { slug } }), bumpLibrary(client)]);
}

/** An uploaded original, for download. */
export async function findBriefFile(client: PrismaClient, slug: string, id: string): Promise<{ name: string; mediaType: string; content: Uint8Array } | null> {
  const row = await client.briefFile.findFirst({ where: { id, briefSlug: slug }, select: { name: true, mediaType: true, content: true } });
  return row ? { name: row.name, mediaType: row.mediaType, content: new Uint8Array(row.content) } : null;
}
