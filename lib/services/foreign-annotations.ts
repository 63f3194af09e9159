/**
 * Use cases for annotations on targets elsewhere than this reader (another page on the web, a
 * PDF): make, read, replace, delete and list them. The reader keeps them as sent
 * (lib/w3c/foreign-annotation.ts) and never shows them in a brief.
 *
 * Rules, the same as for the reader's own annotations: private ones are their author's alone,
 * shared ones every signed-in reader's unless an admin hid them; only the author replaces or
 * deletes (softly); others' private ones answer like ids that do not exist (404). What is stored
 * must meet the Data Model's MUSTs (lib/w3c/model-musts.ts), because it is served as it was sent:
 * anything else is a 400 naming the member. A set `canonical` or `via` cannot change (409).
 */
import { countVisibleForeign, findForeign, insertForeign, listForeign, pageVisibleForeign, pageVisibleForeignIds, updateForeignAtVersion } from "@/lib/db/foreign-annotations";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import type { VersionPrecondition } from "@/lib/domain/annotation";
import { AppError } from "@/lib/domain/errors";
import { containsNul, NUL_MESSAGE } from "@/lib/text/stored-text";
import {
  changedIdentity,
  type ForeignAnnotation,
  foreignSummary,
  type ForeignSummary,
  type JsonObject,
  servedForeign,
  type StoredForeign,
  storedForeign,
} from "@/lib/w3c/foreign-annotation";
import { annotationProblems } from "@/lib/w3c/model-musts";
import { type IriScheme, iriScheme } from "@/lib/w3c/web-annotation";
import { takeWrite } from "./annotations";

/** A foreign annotation as served: the JSON-LD object. */
export type ForeignWebAnnotation = JsonObject;

/** The annotation as the protocol serves it. */
export function renderForeign(annotation: ForeignAnnotation, iris: IriScheme): ForeignWebAnnotation {
  return servedForeign(annotation.document, {
    id: iris.annotation(annotation.id),
    created: annotation.created,
    modified: annotation.modified,
    creator: { id: iris.user(annotation.author.id), type: "Person", name: annotation.author.name },
  });
}

/** `reader:visibility` as sent, or undefined when the client did not say. */
function visibilityOf(sent: JsonObject): "private" | "shared" | undefined {
  const value = sent["reader:visibility"];
  if (value === undefined) return undefined;
  if (value === "private" || value === "shared") return value;
  throw new AppError("invalid_input", "must be private or shared (group notes are for this reader's briefs)", "reader:visibility");
}

/**
 * Checks what would be served against the model's MUSTs (with the server's members filled in)
 * and the database's limits; a 400 naming the first member that fails.
 */
export function checkedForeign(stored: StoredForeign, iris: IriScheme): StoredForeign {
  const now = new Date().toISOString();
  const served = servedForeign(stored.document, { id: iris.annotation("new"), created: now, modified: now, creator: { id: iris.user("you"), type: "Person", name: "" } });
  const [problem] = annotationProblems(served);
  if (problem) throw new AppError("invalid_input", `${problem.message} (${problem.rule})`, problem.path);
  for (const [field, value] of [["target", stored.source], ["canonical", stored.canonical], ["via", stored.via]] as const) {
    if (value !== null && containsNul(value)) throw new AppError("invalid_input", NUL_MESSAGE, field);
  }
  if (stored.source.length > 2_000) throw new AppError("invalid_input", "must be at most 2000 characters", "target");
  return stored;
}

/** Makes a foreign annotation from what a client sent; the server sets its id, times and creator. */
export async function createForeign(viewer: Viewer, sent: JsonObject, iris: IriScheme): Promise<ForeignAnnotation> {
  await takeWrite(viewer);
  const visibility = visibilityOf(sent) ?? "private";
  const stored = checkedForeign(storedForeign(sent, { fromClient: true }), iris);
  return insertForeign(db(), { ...stored, author: { id: viewer.id, name: viewer.name }, visibility });
}

/** One foreign annotation the viewer may see (their own deleted ones too), or null. */
export async function findForeignFor(viewer: Viewer, id: string): Promise<ForeignAnnotation | null> {
  return containsNul(id) ? null : findForeign(db(), { viewer, id });
}

function assertPrecondition(precondition: VersionPrecondition | undefined, version: number): void {
  if (precondition === undefined || precondition === "*") return;
  if (!precondition.includes(version)) {
    throw new AppError("precondition_failed", `The annotation has changed (it is at version ${version}); reload it and try again`, "if-match");
  }
}

/** Reads the annotation for a change by the viewer: 404 unseen, 410 deleted, 403 not theirs, 412 stale. */
async function changeable(viewer: Viewer, id: string, precondition: VersionPrecondition | undefined): Promise<ForeignAnnotation> {
  const current = await findForeignFor(viewer, id);
  if (!current) throw new AppError("not_found", `No annotation “${id}”`, "id");
  if (current.deleted) throw new AppError("gone", `Annotation “${id}” was deleted`, "id");
  if (current.author.id !== viewer.id) throw new AppError("forbidden", "Only its author can change this annotation", "id");
  assertPrecondition(precondition, current.version);
  return current;
}

/** Writes a change at the version read, re-reading (without If-Match) when someone wrote in between. */
async function changeAtVersion(viewer: Viewer, id: string, precondition: VersionPrecondition | undefined, plan: (current: ForeignAnnotation) => Parameters<typeof updateForeignAtVersion>[1]["changes"]): Promise<ForeignAnnotation> {
  await takeWrite(viewer);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await changeable(viewer, id, precondition);
    const updated = await updateForeignAtVersion(db(), { id, version: current.version, changes: plan(current) });
    if (updated) return updated;
    if (Array.isArray(precondition)) throw new AppError("precondition_failed", "The annotation has just changed; reload it and try again", "if-match");
  }
  throw new AppError("precondition_failed", "The annotation keeps changing; reload it and try again", "if-match");
}

/**
 * Replaces a foreign annotation's state (6.3) by its author. `reader:visibility` left out keeps
 * its value; a `canonical` or `via` left out is kept, one changed is a 409; `id`, if sent, must be
 * this annotation's IRI.
 */
export async function replaceForeign(viewer: Viewer, id: string, sent: JsonObject, options: { iris: IriScheme; precondition: VersionPrecondition | undefined }): Promise<ForeignAnnotation> {
  if (sent.id !== undefined && sent.id !== options.iris.annotation(id)) throw new AppError("invalid_input", `${String(sent.id)} is not this annotation`, "id");
  const visibility = visibilityOf(sent);
  return changeAtVersion(viewer, id, options.precondition, (current) => {
    const stored = checkedForeign(storedForeign(sent, { fromClient: false, kept: current }), options.iris);
    const changed = changedIdentity(current, stored);
    if (changed) throw new AppError("conflict", `is already ${current[changed]} and cannot change`, changed);
    return { ...stored, ...(visibility ? { visibility } : {}), modifiedAt: new Date() };
  });
}

/** Deletes (softly) a foreign annotation of the viewer's; 410 if it already is. */
export async function deleteForeign(viewer: Viewer, id: string, precondition: VersionPrecondition | undefined): Promise<void> {
  await changeAtVersion(viewer, id, precondition, () => ({ deletedAt: new Date(), modifiedAt: new Date() }));
}

/** How many the viewer may see, and one page of them (items or ids), oldest first. */
export async function countForeign(viewer: Viewer): Promise<number> {
  return countVisibleForeign(db(), { viewer });
}

export async function pageForeign(viewer: Viewer, range: { skip: number; take: number }): Promise<ForeignAnnotation[]> {
  return range.take > 0 ? pageVisibleForeign(db(), { viewer, ...range }) : [];
}

export async function pageForeignIds(viewer: Viewer, range: { skip: number; take: number }): Promise<string[]> {
  return range.take > 0 ? pageVisibleForeignIds(db(), { viewer, ...range }) : [];
}

/** The foreign annotations an export holds: the viewer's own, and with `visible` others' shared ones. */
export async function listForeignForExport(viewer: Viewer, scope: "own" | "visible"): Promise<ForeignAnnotation[]> {
  return listForeign(db(), { viewer, scope });
}

/** One source on the account's "other sources" page, with the annotations on it the viewer may see. */
export interface OtherSource {
  source: string;
  annotations: (ForeignSummary & { id: string; iri: string; author: string; mine: boolean; visibility: "private" | "shared"; created: string; modified: string })[];
}

/** Every foreign annotation the viewer may see, grouped by the page or document it is on (newest source first). */
export async function listOtherSources(viewer: Viewer, origin: string): Promise<OtherSource[]> {
  const iris = iriScheme(origin);
  const annotations = await listForeign(db(), { viewer, scope: "visible" });
  const bySource = new Map<string, OtherSource>();
  for (const annotation of annotations) {
    let group = bySource.get(annotation.source);
    if (!group) {
      group = { source: annotation.source, annotations: [] };
      bySource.set(annotation.source, group);
    }
    group.annotations.push({
      ...foreignSummary(annotation.document),
      id: annotation.id,
      iri: iris.annotation(annotation.id),
      author: annotation.author.name,
      mine: annotation.author.id === viewer.id,
      visibility: annotation.visibility,
      created: annotation.created,
      modified: annotation.modified,
    });
  }
  return [...bySource.values()].reverse();
}
