/**
 * Annotation use cases: list, read, create, change, delete. Each checks what the viewer may do,
 * validates against the brief's current text, and makes one repository write.
 *
 * Rules: private annotations are only ever visible to their author; group ones to their author
 * and the members of their group (written only by members of it); shared ones to every
 * signed-in reader. A reply has its parent's audience, or is private; when a note's audience
 * changes, its replies that had the same audience follow it. Only the author changes content,
 * deletes (softly) and restores; admins hide and unhide shared annotations (not group ones,
 * which they do not see unless they are in the group). Annotations of others that the viewer may not see are
 * answered exactly like ids that do not exist (404), so nothing leaks.
 */
import { createHash } from "node:crypto";
import { sliceCodePoints, codePointLength } from "@/lib/text/code-points";
import { blockAt } from "@/lib/anchoring/brief-text";
import { describeSpan } from "@/lib/anchoring/describe";
import { latestEventId } from "@/lib/db/annotation-events";
import {
  type AnnotationChanges,
  type AnnotationCursor,
  findAnnotation,
  findByIdempotencyKey,
  insertAnnotation,
  listAnnotations,
  type NewAnnotation,
  pageAnnotations,
  updateAnnotationAtVersion,
} from "@/lib/db/annotations";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import {
  type Annotation,
  type AnnotationTarget,
  contentProblem,
  type CreateAnnotationInput,
  createRequestText,
  type PatchAnnotationInput,
  type TextTarget,
  type VersionPrecondition,
} from "@/lib/domain/annotation";
import { AppError, notFoundAs } from "@/lib/domain/errors";
import { storedTextProblem } from "@/lib/text/stored-text";
import { getCurrentBriefText } from "./briefs";
import { getEntity } from "./entities";
import { groupForNote } from "./groups";
import { notifyAboutNewAnnotation } from "./notifications";
import { readableBrief } from "./library";
import { limitFromEnv } from "./rate-limit";
import { sharedRateLimiter } from "./shared-rate-limit";

// Writes (create, change, delete) per user per minute; ANNOTATION_WRITES_PER_MINUTE sets it.
const WRITE_LIMIT = { name: "ANNOTATION_WRITES_PER_MINUTE", max: limitFromEnv(process.env.ANNOTATION_WRITES_PER_MINUTE, 120), windowSeconds: 60 };
// Counted in the database on PostgreSQL, so every app process on it shares one count per user.
const writes = sharedRateLimiter({ scope: "annotation-writes", limit: WRITE_LIMIT.max, windowMs: WRITE_LIMIT.windowSeconds * 1000 });

/** Counts one write against the viewer's per-minute limit; 429 when it is used up. An import is one write. */
export async function takeWrite(viewer: Viewer): Promise<void> {
  const decision = await writes.take(viewer.id);
  if (!decision.allowed) {
    throw new AppError(
      "rate_limited",
      `Too many changes: at most ${WRITE_LIMIT.max} per user a minute (${WRITE_LIMIT.name}); try again in ${decision.retryAfterSeconds} s`,
      undefined,
      { retryAfter: decision.retryAfterSeconds, limit: WRITE_LIMIT },
    );
  }
}

function currentText(slug: string, field: string, code: "not_found" | "invalid_input", viewer: Viewer) {
  return notFoundAs(() => getCurrentBriefText(slug, viewer), code, field, `No brief named “${slug}”`);
}

/** A brief's annotations as the list hands them out: a page, where the next starts, and the log position. */
export interface AnnotationList {
  annotations: Annotation[];
  /** Where the next page starts; null on the last page (and for the whole list). */
  next: AnnotationCursor | null;
  /**
   * The newest event of the log (lib/db/annotation-events.ts) when the list was read: every change
   * after it may be missing from the list, none before it is. A client resumes the brief's
   * stream, or asks for the changes, from here.
   */
  position: number;
}

/**
 * The annotations of a brief the viewer may see, oldest first; `includeDeleted` adds their own
 * deleted ones. With `limit`, one page of at most that many, from `after` (the previous page's
 * `next`); without, all of them.
 */
export async function listBriefAnnotations(
  viewer: Viewer,
  options: { brief: string; includeDeleted?: boolean; limit?: number; after?: AnnotationCursor },
): Promise<AnnotationList> {
  await notFoundAs(() => readableBrief(options.brief, viewer), "not_found", "brief");
  // Read first: a change made while the list is read is then after the position, and replayed.
  const position = await latestEventId(db());
  const base = { viewer, brief: options.brief, includeOwnDeleted: options.includeDeleted };
  if (options.limit === undefined) return { annotations: await listAnnotations(db(), base), next: null, position };
  const page = await pageAnnotations(db(), { ...base, take: options.limit, after: options.after });
  return { ...page, position };
}

async function visibleOrNotFound(viewer: Viewer, id: string): Promise<Annotation> {
  // No stored id holds what stored text may not (U+0000, a lone surrogate), and the database would
  // refuse the query: not found, without asking.
  const annotation = storedTextProblem(id) !== null ? null : await findAnnotation(db(), { viewer, id });
  if (!annotation) throw new AppError("not_found", `No annotation “${id}”`, "id");
  return annotation;
}

/** One annotation the viewer may see; 404 otherwise. */
export function getAnnotation(viewer: Viewer, id: string): Promise<Annotation> {
  return visibleOrNotFound(viewer, id);
}

type TargetInput = NonNullable<CreateAnnotationInput["target"]>;

/** Checks a text target against the brief's current text and completes its quote context. */
function checkedTextTarget(target: Extract<TargetInput, { quote: unknown }>, current: Awaited<ReturnType<typeof getCurrentBriefText>>): AnnotationTarget {
  const { text } = current.text;
  const length = codePointLength(text);
  const { start, end } = target.position;
  if (end > length) throw new AppError("invalid_input", `ends after the brief's text (${length} characters)`, "target.position");
  const actual = sliceCodePoints(text, start, end);
  if (actual !== target.quote.exact) {
    throw new AppError("invalid_input", "the quote does not match the brief's current text at target.position", "target.quote");
  }
  const described = describeSpan(text, start, end);
  const prefix = target.quote.prefix ?? described.quote.prefix;
  const suffix = target.quote.suffix ?? described.quote.suffix;
  const prefixLength = codePointLength(prefix);
  if (prefixLength > start || sliceCodePoints(text, start - prefixLength, start) !== prefix) {
    throw new AppError("invalid_input", "does not match the text before the quote", "target.quote.prefix");
  }
  if (sliceCodePoints(text, end, end + codePointLength(suffix)) !== suffix) {
    throw new AppError("invalid_input", "does not match the text after the quote", "target.quote.suffix");
  }
  const startBlock = blockAt(current.text, start);
  if (startBlock !== target.blockId) {
    throw new AppError("invalid_input", `the position starts in block ${startBlock ?? "(none)"}`, "target.blockId");
  }
  return { blockId: target.blockId, quote: { exact: actual, prefix, suffix }, position: { start, end } };
}

async function checkedEntityTarget(entityId: string): Promise<AnnotationTarget> {
  await notFoundAs(() => getEntity(entityId), "invalid_input", "target.entityId", `no entity “${entityId}”`);
  return { entityId };
}

/** W3C `canonical` and `via` of an annotation that came from elsewhere, kept as given. */
export interface AnnotationIdentity {
  canonical?: string;
  via?: string;
}

/** A made annotation, and whether it was made by an earlier request with the same Idempotency-Key. */
export interface Created {
  annotation: Annotation;
  replayed: boolean;
}

/**
 * The answer to a request whose Idempotency-Key the viewer has used before: the annotation that
 * request made, as it is now (edited or deleted since, perhaps), if it asked for the same thing.
 */
function replay(first: NonNullable<Awaited<ReturnType<typeof findByIdempotencyKey>>>, requestHash: string): Created {
  if (first.requestHash !== requestHash) {
    throw new AppError("idempotency_key_reused", "Idempotency-Key: this key was used for a different request; send a new key for a new annotation", "idempotency-key");
  }
  return { annotation: first.annotation, replayed: true };
}

/** Checks a new annotation (or reply) against its parent and the brief's current text. */
async function checkedNew(viewer: Viewer, input: CreateAnnotationInput): Promise<NewAnnotation> {
  let parent: Annotation | null = null;
  if (input.parentId) {
    parent = await findAnnotation(db(), { viewer, id: input.parentId });
    if (!parent || parent.deleted) throw new AppError("invalid_input", `no annotation “${input.parentId}” to reply to`, "parentId");
    if (input.brief && input.brief !== parent.brief) throw new AppError("invalid_input", "a reply belongs to its parent's brief", "brief");
  }
  const slug = parent?.brief ?? (input.brief as string);
  const current = await currentText(slug, "brief", "invalid_input", viewer);

  const visibility = input.visibility ?? parent?.visibility ?? "private";
  const group = await audienceGroup(viewer, { visibility, groupId: input.groupId }, parent);
  const motivation = input.motivation ?? (input.body.trim() ? "commenting" : "highlighting");
  const problem = contentProblem({ motivation, body: input.body, tags: input.tags });
  if (problem) throw new AppError("invalid_input", `${problem.field}: ${problem.message}`, problem.field);

  let target: AnnotationTarget | null = null;
  if (input.target) target = "entityId" in input.target ? await checkedEntityTarget(input.target.entityId) : checkedTextTarget(input.target, current);

  return {
    brief: slug,
    author: { id: viewer.id, name: viewer.name },
    parentId: parent?.id ?? null,
    motivation,
    visibility,
    group,
    body: input.body,
    tags: input.tags,
    color: input.color ?? null,
    target,
    revision: current.sha256,
  };
}

/**
 * Checks an audience against the parent's (a reply has its parent's audience, or is private) and
 * the viewer's groups; the group of a `group` audience, else null. A reply's group is its parent's.
 */
async function audienceGroup(viewer: Viewer, audience: { visibility: Annotation["visibility"]; groupId?: string }, parent: Annotation | null): Promise<{ id: string; name: string } | null> {
  if (parent && audience.visibility !== "private" && audience.visibility !== parent.visibility) {
    const said = parent.visibility === "group" ? `its group's (${parent.group?.name ?? "a group"})` : parent.visibility;
    throw new AppError("invalid_input", `a reply has its parent's audience (${said}) or is private`, "visibility");
  }
  if (audience.visibility !== "group") return null;
  const groupId = parent ? parent.group?.id : audience.groupId;
  if (parent && audience.groupId !== undefined && audience.groupId !== groupId) {
    throw new AppError("invalid_input", "a reply is shared with its parent's group", "groupId");
  }
  if (!groupId) throw new AppError("invalid_input", "is required with visibility \"group\"", "groupId");
  return groupForNote(viewer, groupId);
}

/**
 * Makes an annotation (or a reply) for the viewer; `identity` is for annotations from other tools.
 * With an Idempotency-Key, a repeat of a request that made one (a retry after a lost answer)
 * returns that annotation instead of a second one. The key is not looked up beforehand: the
 * unique (author, key) index refuses the second insert, which costs nothing when the key is new,
 * the usual case.
 */
export async function createAnnotation(
  viewer: Viewer,
  input: CreateAnnotationInput,
  options: { identity?: AnnotationIdentity; idempotencyKey?: string } = {},
): Promise<Created> {
  await takeWrite(viewer);
  const { identity = {}, idempotencyKey } = options;
  const idempotency = idempotencyKey === undefined ? undefined : { key: idempotencyKey, requestHash: createHash("sha256").update(createRequestText(input)).digest("hex") };
  const firstWithKey = async () => (idempotency ? findByIdempotencyKey(db(), { authorId: viewer.id, key: idempotency.key }) : null);
  let checked: NewAnnotation;
  try {
    checked = await checkedNew(viewer, input);
  } catch (error) {
    // A retry is answered with what its first request made, even if the same request would not
    // pass the checks now (the brief's text or the parent may have changed since).
    const first = error instanceof AppError ? await firstWithKey() : null;
    if (first && idempotency) return replay(first, idempotency.requestHash);
    throw error;
  }
  const annotation = await insertAnnotation(db(), { ...checked, canonical: identity.canonical ?? null, via: identity.via ?? null, idempotency });
  if (annotation) {
    // Replies, @mentions and followers are told in the background: the answer does not wait.
    void notifyAboutNewAnnotation(annotation);
    return { annotation, replayed: false };
  }
  // The key is taken: by this request's first attempt, or by a twin sent at the same time.
  const first = await firstWithKey();
  if (!first || !idempotency) throw new Error("An annotation's idempotency key was taken, but no annotation has it");
  return replay(first, idempotency.requestHash);
}

const AUTHOR_FIELDS = ["body", "tags", "motivation", "visibility", "groupId", "color", "deleted", "target"] as const;
const CONTENT_FIELDS = ["body", "tags", "motivation", "visibility", "color"] as const;

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The changes a patch makes to an annotation, after checking the viewer may make them. */
async function plannedChanges(viewer: Viewer, current: Annotation, patch: PatchAnnotationInput, now: Date, identity: AnnotationIdentity = {}): Promise<AnnotationChanges | null> {
  const isAuthor = current.author.id === viewer.id;
  const authorField = AUTHOR_FIELDS.find((field) => patch[field] !== undefined) ?? (["canonical", "via"] as const).find((field) => identity[field] !== undefined);
  if (authorField && !isAuthor) throw new AppError("forbidden", `${authorField}: only its author can change this annotation`, authorField);
  if (patch.hidden !== undefined && viewer.role !== "admin") throw new AppError("forbidden", "only an admin can hide or unhide annotations", "hidden");

  const next = {
    motivation: patch.motivation ?? current.motivation,
    visibility: patch.visibility ?? current.visibility,
    body: patch.body ?? current.body,
    tags: patch.tags ?? current.tags,
  };
  const problem = contentProblem(next);
  if (problem) throw new AppError("invalid_input", `${problem.field}: ${problem.message}`, problem.field);
  if (patch.hidden === true && next.visibility !== "shared") throw new AppError("invalid_input", "only shared annotations can be hidden", "hidden");

  const changes: AnnotationChanges = { modifiedAt: now };
  let changed = false;
  // The audience: visibility, and for a group note its group (kept unless another is named).
  const groupId = next.visibility === "group" ? (patch.groupId ?? current.group?.id) : undefined;
  if (patch.groupId !== undefined && next.visibility !== "group") throw new AppError("invalid_input", "is only for visibility \"group\"", "groupId");
  const audienceChanged = next.visibility !== current.visibility || (groupId ?? null) !== (current.group?.id ?? null);
  if (audienceChanged) {
    const parent = current.parentId ? await findAnnotation(db(), { viewer, id: current.parentId }) : null;
    const group = await audienceGroup(viewer, { visibility: next.visibility, groupId }, parent);
    changes.visibility = next.visibility;
    changes.groupId = group?.id ?? null;
  }
  const edited = CONTENT_FIELDS.filter((field) => field !== "visibility" && patch[field] !== undefined && !sameValue(patch[field], current[field]));
  for (const field of edited) {
    if (field === "color") changes.color = patch.color ?? null;
    else if (field === "tags") changes.tags = patch.tags;
    else if (field === "body") changes.body = patch.body;
    else if (field === "motivation") changes.motivation = patch.motivation;
  }
  if (audienceChanged) edited.push("visibility");
  if (edited.length > 0) {
    changes.editedAt = now;
    changed = true;
  }
  if (patch.deleted !== undefined && patch.deleted !== current.deleted) {
    changes.deletedAt = patch.deleted ? now : null;
    changed = true;
  }
  if (patch.hidden !== undefined && patch.hidden !== current.hidden) {
    changes.hiddenAt = patch.hidden ? now : null;
    changes.hiddenById = patch.hidden ? viewer.id : null;
    changed = true;
  }
  // An identity once given stays (the protocol: servers SHOULD refuse to change canonical or via).
  for (const field of ["canonical", "via"] as const) {
    const value = identity[field];
    if (value === undefined || value === current[field]) continue;
    if (current[field] !== null) throw new AppError("conflict", `${field}: is already ${current[field]} and cannot change`, field);
    changes[field] = value;
    changed = true;
  }
  if (patch.target) {
    // Re-attaching: only a text annotation moves to another span of the current text.
    if (!current.target || !("quote" in current.target)) throw new AppError("invalid_input", "only a text annotation can be re-attached", "target");
    if ("entityId" in patch.target) throw new AppError("invalid_input", "re-attach to a span of text, not an entity", "target.entityId");
    const text = await currentText(current.brief, "target", "invalid_input", viewer);
    const target = checkedTextTarget(patch.target, text) as TextTarget;
    Object.assign(changes, {
      blockId: target.blockId,
      quoteExact: target.quote.exact,
      quotePrefix: target.quote.prefix,
      quoteSuffix: target.quote.suffix,
      positionStart: target.position.start,
      positionEnd: target.position.end,
      anchorSha: text.sha256,
      anchorStatus: "exact",
      anchorScore: 1,
      editedAt: now,
    });
    changed = true;
  }
  return changed ? changes : null;
}

function assertPrecondition(precondition: VersionPrecondition | undefined, version: number): void {
  if (precondition === undefined || precondition === "*") return;
  if (!precondition.includes(version)) {
    throw new AppError("precondition_failed", `The annotation has changed (it is at version ${version}); reload it and try again`, "if-match");
  }
}

/**
 * Changes an annotation. With `If-Match`, only if it is still at that version (412 otherwise);
 * without, the change is applied to whatever is current, re-checked if someone wrote in between.
 */
export async function updateAnnotation(
  viewer: Viewer,
  id: string,
  patch: PatchAnnotationInput,
  precondition?: VersionPrecondition,
  identity: AnnotationIdentity = {},
): Promise<Annotation> {
  await takeWrite(viewer);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await visibleOrNotFound(viewer, id);
    assertPrecondition(precondition, current.version);
    const changes = await plannedChanges(viewer, current, patch, new Date(), identity);
    if (!changes) return current;
    const audienceBefore = { visibility: current.visibility, groupId: current.group?.id ?? null };
    const updated = await updateAnnotationAtVersion(db(), { id, version: current.version, changes, audienceBefore });
    if (updated) return updated;
    // Someone else wrote between our read and our write: with If-Match the precondition is lost;
    // without, read again and re-check the change against what is there now.
    if (Array.isArray(precondition)) throw new AppError("precondition_failed", "The annotation has just changed; reload it and try again", "if-match");
  }
  throw new AppError("precondition_failed", "The annotation keeps changing; reload it and try again", "if-match");
}

/** Soft-deletes an annotation (its author only); `PATCH {deleted:false}` restores it. */
export async function deleteAnnotation(viewer: Viewer, id: string, precondition?: VersionPrecondition): Promise<Annotation> {
  return updateAnnotation(viewer, id, { deleted: true }, precondition);
}
