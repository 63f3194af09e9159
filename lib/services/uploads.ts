/**
 * An editor brings a brief into the library as a file (the brief text format, Markdown, DOCX or
 * PDF): converted off the main thread (lib/ingest/isolated.ts), checked, and stored as a new
 * brief or a new version of one through the library's one sync step.
 *
 * Rules:
 * - Only editors (and admins) upload, publish and edit a brief's metadata.
 * - A file that cannot be read is refused with the reason named (`reason`: empty-file, too-large,
 *   unsupported-type, corrupt, encrypted, no-text-layer, zip-bomb, no-content, timeout,
 *   out-of-memory) and nothing is stored.
 * - A text already in the library (the same SHA-256 of the converted text, current or drafted)
 *   is refused with 409 naming the brief that has it.
 * - Without a slug, one is made from the title (romanized); a clash with another brief gets a
 *   number. With the slug of an existing brief, the file is a new version of it.
 * - `publish` makes it what readers see at once; otherwise it is a draft: a new brief is seen by
 *   editors only, a new version waits beside the published text until published.
 * - Conversions run one worker each, a few at a time (INGEST_MAX_WORKERS, lib/ingest/isolated.ts):
 *   uploads arriving together wait their turn rather than take every core.
 */
import { createHash } from "node:crypto";
import { briefsWithText, findBriefRecord, type BriefRecord, saveBriefMetadata } from "@/lib/db/briefs";
import { db } from "@/lib/database/prisma";
import { isEditor, type Viewer } from "@/lib/domain/account";
import { type BriefMetadata, briefMetadataSchema, briefSlugSchema, type BriefCounts } from "@/lib/domain/brief";
import { AppError, invalidInput } from "@/lib/domain/errors";
import type { BriefPatchInput } from "@/lib/domain/library";
import { convertIsolated } from "@/lib/ingest/isolated";
import { type ConvertedBrief, isIngestError } from "@/lib/ingest/types";
import { slugify } from "@/lib/text/slug";
import { currentRevision, libraryChanged, librarySnapshot, loadRevision } from "./library";
import { limitFromEnv } from "./rate-limit";
import { sharedRateLimiter } from "./shared-rate-limit";
import { publishDraft, sourceSha, syncBrief, titleAndByline } from "./library-sync";

const MEDIA_TYPES: Record<ConvertedBrief["format"], string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  markdown: "text/markdown; charset=utf-8",
  brief: "text/plain; charset=utf-8",
};

/** The largest upload, from BRIEF_UPLOAD_MAX_MB (default 30). */
export function uploadLimitBytes(): number {
  const mb = Number(process.env.BRIEF_UPLOAD_MAX_MB);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : 30) * 1024 * 1024);
}

export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export interface UploadProblem {
  line?: number;
  page?: number;
  message: string;
  rule: string;
}

export interface UploadResult {
  slug: string;
  status: "draft" | "published";
  /** Whether this upload is what readers see now (false for a drafted new version). */
  current: boolean;
  counts: BriefCounts;
  problems: UploadProblem[];
}

// Uploads per editor per hour (BRIEF_UPLOADS_PER_HOUR): each is a conversion of up to 30 MB.
const UPLOAD_LIMIT = { name: "BRIEF_UPLOADS_PER_HOUR", max: limitFromEnv(process.env.BRIEF_UPLOADS_PER_HOUR, 60), windowSeconds: 3600 };
// Shared by every app process on PostgreSQL (lib/services/shared-rate-limit.ts).
const uploads = sharedRateLimiter({ scope: "brief-uploads", limit: UPLOAD_LIMIT.max, windowMs: UPLOAD_LIMIT.windowSeconds * 1000 });

async function takeUpload(viewer: Viewer): Promise<void> {
  const decision = await uploads.take(viewer.id);
  if (!decision.allowed) {
    throw new AppError("rate_limited", `Too many uploads: at most ${UPLOAD_LIMIT.max} an hour (${UPLOAD_LIMIT.name}); try again in ${decision.retryAfterSeconds} s`, "file", {
      retryAfter: decision.retryAfterSeconds,
      limit: UPLOAD_LIMIT,
    });
  }
}

function assertEditor(viewer: Viewer): void {
  if (!isEditor(viewer)) throw new AppError("forbidden", "Only editors can add or change briefs");
}

const STATUS_OF_REASON: Record<string, { code: "invalid_input" | "too_large" | "unsupported_media_type" | "unprocessable" }> = {
  "empty-file": { code: "invalid_input" },
  "too-large": { code: "too_large" },
  "unsupported-type": { code: "unsupported_media_type" },
};

/** Converts the file, answering a file that cannot be read with the reason named. */
async function convert(file: UploadedFile): Promise<ConvertedBrief> {
  try {
    return await convertIsolated(file.bytes, { filename: file.name, mediaType: file.type, maxBytes: uploadLimitBytes() });
  } catch (error) {
    if (!isIngestError(error)) throw error;
    const { code } = STATUS_OF_REASON[error.code] ?? { code: "unprocessable" as const };
    throw new AppError(code, error.message, "file", { reason: error.code });
  }
}

// Text in Hangul is Korean; in kana, Japanese; else what the converter says, else English.
function languageOf(source: string, declared?: string): string {
  if (declared && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(declared)) return declared;
  const hangul = source.match(/\p{Script=Hangul}/gu)?.length ?? 0;
  const kana = source.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const latin = source.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (hangul >= kana && hangul >= latin && hangul > 0) return "ko";
  if (kana > latin) return "ja";
  return "en";
}

/** The converter's metadata, completed so it validates: what a file does not say is marked unknown. */
function metadataOf(converted: ConvertedBrief, file: UploadedFile): BriefMetadata {
  const lines = converted.source.split("\n");
  const title = converted.metadata.title?.trim() || lines[0]?.trim() || file.name;
  const byline = lines[1]?.trim() ?? "";
  const candidate = {
    title,
    author: converted.metadata.author?.trim() || byline || "—",
    affiliation: converted.metadata.affiliation?.trim() || "—",
    language: languageOf(converted.source, converted.metadata.language),
    ...(converted.metadata.published ? { published: converted.metadata.published } : {}),
    ...(converted.metadata.sourceUrl ? { sourceUrl: converted.metadata.sourceUrl } : {}),
  };
  const parsed = briefMetadataSchema.safeParse(candidate);
  // What the file claims may be malformed (a date like 2024-13); it is left out rather than refused.
  return parsed.success ? parsed.data : { title, author: candidate.author, affiliation: candidate.affiliation, language: candidate.language };
}

/** A slug for a new brief from its title, numbered past any brief that has it. */
async function freeSlug(title: string, fileName: string): Promise<string> {
  const base = slugify(title) || slugify(fileName.replace(/\.[a-z0-9]+$/i, "")) || "brief";
  const taken = new Set((await librarySnapshot()).records.map((record) => record.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Adds a brief, or a new version of one, from an uploaded file (see the rules above). */
export async function uploadBrief(viewer: Viewer, input: { file: UploadedFile; slug?: string; publish: boolean }): Promise<UploadResult> {
  assertEditor(viewer);
  if (input.slug !== undefined) {
    const checked = briefSlugSchema.safeParse(input.slug);
    if (!checked.success) throw invalidInput(checked.error, "slug");
  }
  await takeUpload(viewer);
  const converted = await convert(input.file);
  const source = converted.source.normalize("NFC");
  const sha256 = sourceSha(source);
  const holders = await briefsWithText(db(), sha256);
  if (holders.length > 0) {
    throw new AppError("conflict", `This text is already in the library as “${holders[0]}”`, "file", { existing: { slug: holders[0] }, reason: "duplicate" });
  }
  const existing = input.slug ? await findBriefRecord(db(), input.slug) : null;
  const metadata = existing ? { ...existing.metadata } : metadataOf(converted, input.file);
  const slug = input.slug ?? (await freeSlug(metadata.title, input.file.name));
  const result = await syncBrief({
    slug,
    source,
    metadata,
    format: converted.format,
    layout: { pages: converted.pages, furniture: converted.furniture },
    problems: converted.problems,
    // Served back later with the type of what it was read as, never the type the client claimed.
    file: { sha256: createHash("sha256").update(input.file.bytes).digest("hex"), name: input.file.name, mediaType: MEDIA_TYPES[converted.format], content: input.file.bytes },
    actorId: viewer.id,
    status: input.publish ? "published" : "draft",
    path: `upload:${slug}`,
  });
  const record = (await findBriefRecord(db(), slug)) as BriefRecord;
  const loaded = await loadRevision(record, sha256);
  const parseProblems = loaded.parsed.problems.map((problem) => ({ line: problem.line, message: problem.reason, rule: problem.ruleId }));
  return {
    slug,
    status: result.status,
    current: result.current,
    counts: loaded.revision.counts,
    problems: [...converted.problems, ...parseProblems.filter((problem) => !converted.problems.some((known) => known.line === problem.line && known.rule === problem.rule))],
  };
}

/** Publishes a brief's draft (a new brief, or a new version); editors only. */
export async function publishBrief(viewer: Viewer, slug: string): Promise<UploadResult> {
  assertEditor(viewer);
  const record = await findBriefRecord(db(), slug);
  if (!record || record.currentSha === null) throw new AppError("not_found", `No brief named “${slug}”`, "slug");
  if (record.status === "published" && record.draftSha === null) throw new AppError("conflict", `The brief “${slug}” has no draft to publish`, "slug");
  await publishDraft(record, viewer.id);
  const loaded = await currentRevision(slug, viewer);
  return { slug, status: "published", current: true, counts: loaded.revision.counts, problems: problemsOf(loaded.revision.problems, loaded.parsed) };
}

function problemsOf(stored: unknown[], parsed: { problems: { line: number; reason: string; ruleId: string }[] }): UploadProblem[] {
  const converted = stored.filter((item): item is UploadProblem => typeof item === "object" && item !== null && "message" in item && "rule" in item);
  return [...converted, ...parsed.problems.map((problem) => ({ line: problem.line, message: problem.reason, rule: problem.ruleId }))];
}

/** Changes what readers are told about a brief (title, byline, institute, date, language, addresses); editors only. */
export async function updateBriefMetadata(viewer: Viewer, slug: string, patch: BriefPatchInput): Promise<BriefMetadata> {
  assertEditor(viewer);
  const record = await findBriefRecord(db(), slug);
  if (!record || record.currentSha === null) throw new AppError("not_found", `No brief named “${slug}”`, "slug");
  // null clears an optional field; the required ones cannot be cleared (the schema says so).
  const merged = Object.fromEntries(Object.entries({ ...record.metadata, ...patch }).filter(([, value]) => value !== null));
  const next = briefMetadataSchema.safeParse(merged);
  if (!next.success) throw invalidInput(next.error);
  const loaded = await loadRevision(record, record.currentSha);
  await saveBriefMetadata(db(), slug, { ...titleAndByline(loaded.parsed, next.data), language: next.data.language, metadata: next.data });
  libraryChanged();
  return next.data;
}

/** What an editor checks before publishing: the text to be published, its structure and problems. */
export interface BriefPreview {
  slug: string;
  status: "draft" | "published";
  /** A new version waits beside the published text. */
  newVersion: boolean;
  metadata: BriefMetadata;
  format: ConvertedBrief["format"];
  counts: BriefCounts;
  sections: { id: string; title: string; blocks: { id: string; kind: "claim" | "point"; text: string; page?: number }[] }[];
  problems: UploadProblem[];
  furniture: ConvertedBrief["furniture"];
  /** Whether the original file can be downloaded. */
  hasOriginal: boolean;
}

/** The draft (or, with none, the current text) of a brief, as the preview shows it; editors only. */
export async function previewBrief(viewer: Viewer, slug: string): Promise<BriefPreview> {
  assertEditor(viewer);
  const record = await findBriefRecord(db(), slug);
  if (!record || record.currentSha === null) throw new AppError("not_found", `No brief named “${slug}”`, "slug");
  const loaded = await loadRevision(record, record.draftSha ?? record.currentSha);
  const layout = loaded.revision.layout as { furniture?: ConvertedBrief["furniture"] } | null;
  return {
    slug,
    status: record.status,
    newVersion: record.draftSha !== null,
    metadata: record.metadata,
    format: loaded.revision.format,
    counts: loaded.revision.counts,
    sections: loaded.parsed.document.sections.map((section) => ({
      id: section.id,
      title: section.title,
      blocks: section.blocks.map((block) => ({ id: block.id, kind: block.kind, text: block.text, ...(block.page ? { page: block.page } : {}) })),
    })),
    problems: problemsOf(loaded.revision.problems, loaded.parsed),
    furniture: Array.isArray(layout?.furniture) ? layout.furniture : [],
    hasOriginal: loaded.revision.fileId !== null,
  };
}
