/**
 * The W3C Web Annotation Protocol's use cases over the app's own annotation service: the same
 * annotations, the same permissions, the same validation. What is added here is translation:
 * our annotations to the W3C model (lib/domain/web-annotation.ts) and back, and paging.
 *
 * - The container holds every annotation the viewer may see through GET /api/annotations,
 *   across every brief on disk (optionally one: `?brief=`), oldest first; deleted ones leave it.
 * - A created annotation gets a server IRI (`<root>/annotations/<id>`); a client's `canonical`
 *   is kept unchanged; its own `id`, if any, becomes `via` (6.1), unless it also sends `via`.
 * - A text target is placed on the brief's current text: at its position when the quote is
 *   there, else wherever the quote stands word for word (lib/anchoring/place-quote.ts).
 * - A target that is a brief's original (its `sourceUrl`) is that brief. Targets that are none of
 *   this reader's briefs, entities, records or annotations make a foreign annotation, kept as
 *   sent (lib/services/foreign-annotations.ts); the container lists them after the briefs'
 *   annotations (not in a `?brief=` view). One annotation cannot mix the two kinds of target.
 * - `If-Match` is honoured on PUT and DELETE, not required (the protocol's SHOULD is the client's).
 */
import { type BriefText, blockAt } from "@/lib/anchoring/brief-text";
import { placeQuote } from "@/lib/anchoring/place-quote";
import { loadKnowledge } from "./knowledge";
import { countVisibleAnnotations, findAnnotation, pageVisibleAnnotationIds, pageVisibleAnnotations } from "@/lib/db/annotations";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import { type Annotation, createAnnotationSchema, patchAnnotationSchema, type VersionPrecondition } from "@/lib/domain/annotation";
import { annotationPage, type ContainerView, containerDescription, lastPageIndex, type ContainerBody, type AnnotationPageBody } from "@/lib/w3c/annotation-container";
import { AppError, invalidInput, notFoundAs } from "@/lib/domain/errors";
import { containsNul } from "@/lib/text/stored-text";
import type { z } from "zod";
import {
  documentPosition,
  fromWebAnnotation,
  type IncomingAnnotation,
  type IncomingTarget,
  iriResolver,
  type IriScheme,
  iriScheme,
  type WebAnnotation,
  WebAnnotationError,
  type WebAnnotationInput,
  toWebAnnotation,
  webAnnotationInputSchema,
} from "@/lib/w3c/web-annotation";
import { type JsonObject, targetIris } from "@/lib/w3c/foreign-annotation";
import { type AnnotationIdentity, createAnnotation, deleteAnnotation, getAnnotation, updateAnnotation } from "./annotations";
import { findBriefBySourceUrl, getCurrentBriefText } from "./briefs";
import {
  countForeign,
  createForeign,
  deleteForeign,
  findForeignFor,
  type ForeignWebAnnotation,
  pageForeign,
  pageForeignIds,
  renderForeign,
  replaceForeign,
} from "./foreign-annotations";

import { currentRevisions, readableBrief, readableBriefs } from "./library";

/** An annotation as the protocol serves it: one of the reader's, or one kept as sent. */
export type ServedAnnotation = WebAnnotation | ForeignWebAnnotation;

const NO_BLOCKS: BriefText = { text: "", blocks: [] };

async function irisFor(root: string): Promise<IriScheme> {
  const registry = await loadKnowledge();
  const records = new Set(registry.agreements.map((agreement) => agreement.id));
  return iriScheme(root, (id) => records.has(id));
}

/** The current text of each brief the viewer may read, for block offsets. */
async function textsOf(viewer: Viewer, slugs: Iterable<string>): Promise<Map<string, BriefText>> {
  const texts = new Map<string, BriefText>();
  for (const slug of new Set(slugs)) {
    try {
      texts.set(slug, (await getCurrentBriefText(slug, viewer)).text);
    } catch (error) {
      // A brief no longer readable does not take the container down: its annotations are
      // described by their quotes alone.
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
      texts.set(slug, NO_BLOCKS);
    }
  }
  return texts;
}

async function render(viewer: Viewer, annotations: Annotation[], root: string): Promise<WebAnnotation[]> {
  const [iris, texts] = await Promise.all([irisFor(root), textsOf(viewer, annotations.map((annotation) => annotation.brief))]);
  return annotations.map((annotation) => toWebAnnotation(annotation, { iris, base: root, text: texts.get(annotation.brief) ?? NO_BLOCKS }));
}

/** The briefs a view covers: every brief the viewer may read, or the one it names (404 if there is none). */
async function briefsOf(viewer: Viewer, view: ContainerView): Promise<string[]> {
  if (view.brief) return [(await notFoundAs(() => readableBrief(view.brief as string, viewer), "not_found", "brief")).slug];
  return (await readableBriefs(viewer)).map((record) => record.slug);
}

async function pageItems(viewer: Viewer, root: string, view: ContainerView, briefs: string[], page: number, counts: Counts): Promise<ServedAnnotation[] | string[]> {
  // The briefs' annotations come first, then (not in a brief's view) those on other sources.
  const skip = page * view.limit;
  const inBriefs = { viewer, briefs, skip, take: Math.max(0, Math.min(view.limit, counts.briefs - skip)) };
  const foreign = { skip: Math.max(0, skip - counts.briefs), take: view.limit - inBriefs.take };
  const iris = await irisFor(root);
  if (view.iris) {
    const ids = [...(inBriefs.take > 0 ? await pageVisibleAnnotationIds(db(), inBriefs) : []), ...(view.brief ? [] : await pageForeignIds(viewer, foreign))];
    return ids.map((id) => iris.annotation(id));
  }
  const items: ServedAnnotation[] = [];
  if (inBriefs.take > 0) items.push(...(await render(viewer, await pageVisibleAnnotations(db(), inBriefs), root)));
  if (!view.brief) items.push(...(await pageForeign(viewer, foreign)).map((annotation) => renderForeign(annotation, iris)));
  return items;
}

/** How many annotations of the view the viewer may see: on the briefs, and on other sources. */
interface Counts {
  briefs: number;
  foreign: number;
}

async function countsOf(viewer: Viewer, view: ContainerView, briefs: string[]): Promise<Counts> {
  const [inBriefs, foreign] = await Promise.all([countVisibleAnnotations(db(), { viewer, briefs }), view.brief ? 0 : countForeign(viewer)]);
  return { briefs: inBriefs, foreign };
}

function labelOf(view: ContainerView): string {
  return view.brief ? `Annotations on the brief “${view.brief}”` : "Annotations on the briefs of this reader, and on other sources";
}

/** The container's description for the viewer; with `embedFirst`, the first page inside it. */
export async function describeContainer(viewer: Viewer, options: { root: string; view: ContainerView; embedFirst: boolean }): Promise<ContainerBody> {
  const { root, view } = options;
  const briefs = await briefsOf(viewer, view);
  const counts = await countsOf(viewer, view, briefs);
  const total = counts.briefs + counts.foreign;
  const firstItems = options.embedFirst && total > 0 ? await pageItems(viewer, root, view, briefs, 0, counts) : undefined;
  return containerDescription({ root, view, total, label: labelOf(view), firstItems });
}

/** One page of the container; 404 past the last page. */
export async function containerPage(viewer: Viewer, options: { root: string; view: ContainerView; page: number }): Promise<AnnotationPageBody> {
  const { root, view, page } = options;
  const briefs = await briefsOf(viewer, view);
  const counts = await countsOf(viewer, view, briefs);
  const total = counts.briefs + counts.foreign;
  const last = lastPageIndex(total, view.limit);
  if (page > last) throw new AppError("not_found", `No page ${page}: the last page is ${last}`, "page");
  const items = await pageItems(viewer, root, view, briefs, page, counts);
  return annotationPage({ root, view, page, total, items });
}

/** One annotation in the W3C model with its version; 410 for the author's own deleted one. */
export async function getWebAnnotation(viewer: Viewer, id: string, root: string): Promise<{ annotation: ServedAnnotation; version: number }> {
  // Ids are unique across both tables: one lookup tells a foreign annotation from the briefs' ones.
  const foreign = await findForeignFor(viewer, id);
  if (foreign) {
    if (foreign.deleted) throw new AppError("gone", `Annotation “${id}” was deleted`, "id");
    return { annotation: renderForeign(foreign, await irisFor(root)), version: foreign.version };
  }
  const annotation = await getAnnotation(viewer, id);
  // Only its author still sees a deleted annotation: to them it is gone, to anyone else unknown.
  if (annotation.deleted) throw new AppError("gone", `Annotation “${id}” was deleted`, "id");
  const [web] = await render(viewer, [annotation], root);
  return { annotation: web, version: annotation.version };
}

// ---------------------------------------------------------------------------------------------
// Writing: W3C in, the app's own create and update use cases, W3C out.

/** The W3C field an app field corresponds to, so errors name what the client sent. */
function w3cField(field: string | undefined): string | undefined {
  if (!field) return field;
  if (field === "brief") return "target.source";
  if (field === "parentId" || field === "target.entityId") return "target";
  if (field.startsWith("target")) return "target.selector";
  if (field.startsWith("tags")) return "body";
  if (field === "color") return "reader:color";
  if (field === "visibility") return "reader:visibility";
  if (field === "groupId") return "reader:group";
  return field;
}

/** Re-raises an app error with the W3C field in place of ours. */
function asW3cError(error: unknown): never {
  if (error instanceof AppError && error.field) throw new AppError(error.code, error.message, w3cField(error.field), error.options);
  throw error;
}

function readIncoming(input: WebAnnotationInput, root: string): IncomingAnnotation {
  try {
    return fromWebAnnotation(input, iriResolver(root));
  } catch (error) {
    if (error instanceof WebAnnotationError) throw new AppError("invalid_input", error.message, error.field);
    throw error;
  }
}

type TextIncoming = Extract<IncomingTarget, { kind: "text" }>;

interface PlacedTarget {
  blockId: string;
  quote: { exact: string; prefix?: string; suffix?: string };
  position: { start: number; end: number };
}

/** A text target placed on the brief's current text, in the app's terms; 400 if it is not there. */
async function placedTextTarget(viewer: Viewer, target: TextIncoming): Promise<PlacedTarget> {
  const current = await notFoundAs(() => getCurrentBriefText(target.brief, viewer), "invalid_input", "target.source", `no brief “${target.brief}”`);
  const quote = target.quote as NonNullable<TextIncoming["quote"]>;
  const placed = placeQuote(current.text.text, quote, documentPosition(target, current.text));
  if (!placed) throw new AppError("invalid_input", "the quote is not in the brief's current text", "target.selector");
  const blockId = blockAt(current.text, placed.start) ?? "";
  return {
    blockId,
    quote: { exact: placed.exact, ...(placed.prefix ? { prefix: placed.prefix } : {}), ...(placed.suffix ? { suffix: placed.suffix } : {}) },
    position: { start: placed.start, end: placed.end },
  };
}

/**
 * The brief an entity or record note belongs to, which the W3C target (the entity's IRI) does
 * not say: the brief the request names (`?brief=`), else the record's own brief, else the first
 * brief that mentions the entity, else the first brief.
 */
async function briefForEntity(viewer: Viewer, entityId: string, named: string | undefined): Promise<string> {
  if (named) return named;
  const registry = await loadKnowledge();
  const record = registry.agreements.find((agreement) => agreement.id === entityId);
  if (record) return record.brief.slug;
  const briefs = await currentRevisions(viewer);
  const mentioning = briefs.find((brief) => brief.parsed.mentions.byEntity.has(entityId));
  if (mentioning) return mentioning.slug;
  if (briefs.length === 0) throw new AppError("invalid_input", "there is no brief to keep this note in", "target");
  return briefs[0].slug;
}

/** Checks app-shaped input with the app's own schema, naming W3C fields on failure. */
function checked<T>(result: { success: true; data: T } | { success: false; error: z.ZodError }): T {
  if (result.success) return result.data;
  asW3cError(invalidInput(result.error));
}

type TargetKind = { kind: "reader" } | { kind: "original"; briefIri: string } | { kind: "foreign" };

const originOf = (iri: string): string | null => {
  try {
    return new URL(iri).origin;
  } catch {
    return null;
  }
};

/**
 * What one target IRI names. This reader's brief, entity, record or annotation by its path: on
 * this origin always, on another only when that thing exists here (an export from another
 * installation names the same brief by the same path). A brief's original (`sourceUrl`) is that
 * brief. An annotation kept as sent is "foreign", so a reply to it is kept as sent too. The rest
 * is another source.
 */
async function targetKind(viewer: Viewer, iri: string, root: string): Promise<TargetKind> {
  const resolve = iriResolver(root);
  const here = originOf(iri) === originOf(root);
  // A brief's original address first: it is named exactly, and may have a path like ours.
  const original = here ? null : await findBriefBySourceUrl(iri, viewer);
  if (original) return { kind: "original", briefIri: iriScheme(root).brief(original) };
  const slug = resolve.brief(iri);
  if (slug !== null && (here || (await readableBriefs(viewer)).some((record) => record.slug === slug))) return { kind: "reader" };
  const entityId = resolve.entity(iri);
  if (entityId !== null && (here || (await loadKnowledge()).byId.has(entityId))) return { kind: "reader" };
  const annotationId = resolve.annotation(iri);
  if (annotationId !== null && !containsNul(annotationId)) {
    if (await findForeignFor(viewer, annotationId)) return { kind: "foreign" };
    if (here || (await findAnnotation(db(), { viewer, id: annotationId }))) return { kind: "reader" };
  }
  return { kind: "foreign" };
}

/** The annotation with the targets named by `mapped` (a brief's original) pointing at the brief instead. */
function withTargets(sent: JsonObject, mapped: Map<string, string>): JsonObject {
  const swap = (target: unknown): unknown => {
    if (typeof target === "string") return mapped.get(target) ?? target;
    if (typeof target !== "object" || target === null || Array.isArray(target)) return target;
    const resource = target as JsonObject;
    const source = typeof resource.source === "object" && resource.source !== null ? (resource.source as JsonObject).id : resource.source;
    return typeof source === "string" && mapped.has(source) ? { ...resource, source: mapped.get(source) } : resource;
  };
  return { ...sent, target: Array.isArray(sent.target) ? sent.target.map(swap) : swap(sent.target) };
}

/**
 * Whether an incoming annotation is one of this reader's (then with a brief's original rewritten
 * to the brief) or is on other sources, to be kept as sent. Its targets must all be of one kind.
 */
async function placementOf(viewer: Viewer, sent: JsonObject, root: string): Promise<{ foreign: true } | { foreign: false; sent: JsonObject }> {
  const iris = targetIris(sent);
  const targets = Array.isArray(sent.target) ? sent.target.length : sent.target === undefined ? 0 : 1;
  // No target, or one that names nothing: the reader's own checks say what is wrong with it.
  if (iris.length === 0 || iris.length !== targets) return { foreign: false, sent };
  const kinds = await Promise.all(iris.map((iri) => targetKind(viewer, iri, root)));
  if (kinds.every((kind) => kind.kind === "foreign")) return { foreign: true };
  if (kinds.some((kind) => kind.kind === "foreign")) throw new AppError("invalid_input", "names both this reader's briefs and other sources: send one annotation for each", "target");
  const mapped = new Map(kinds.flatMap((kind, index): [string, string][] => (kind.kind === "original" ? [[iris[index], kind.briefIri]] : [])));
  return { foreign: false, sent: mapped.size > 0 ? withTargets(sent, mapped) : sent };
}

/** Reads the reader's kind of annotation with its schema (a 400 naming the field). */
function readerInput(sent: JsonObject): WebAnnotationInput {
  const parsed = webAnnotationInputSchema.safeParse(sent);
  if (!parsed.success) throw invalidInput(parsed.error, "(body)");
  return parsed.data;
}

/**
 * Makes an annotation from a W3C one, for the viewer. The server assigns its IRI (6.1: even if
 * it has one); `canonical` is kept unchanged; `via` is the client's `via`, else its `id`.
 */
export async function createWebAnnotation(
  viewer: Viewer,
  sent: JsonObject,
  options: { root: string; brief?: string },
): Promise<{ annotation: ServedAnnotation; version: number; iri: string }> {
  const placement = await placementOf(viewer, sent, options.root);
  if (placement.foreign) {
    const iris = await irisFor(options.root);
    const made = await createForeign(viewer, sent, iris);
    return { annotation: renderForeign(made, iris), version: made.version, iri: iris.annotation(made.id) };
  }
  const input = readerInput(placement.sent);
  const incoming = readIncoming(input, options.root);
  const resolve = iriResolver(options.root);
  let brief: string | undefined;
  let parentId: string | undefined;
  let target: unknown;
  if (incoming.target.kind === "reply") {
    parentId = resolve.annotation(incoming.target.parentIri) ?? undefined;
  } else if (incoming.target.kind === "entity") {
    brief = await briefForEntity(viewer, incoming.target.entityId, options.brief);
    target = { entityId: incoming.target.entityId };
  } else {
    brief = incoming.target.brief;
    target = await placedTextTarget(viewer, incoming.target);
  }
  const parsed = checked(
    createAnnotationSchema.safeParse({
      ...(brief ? { brief } : {}),
      ...(parentId ? { parentId } : {}),
      ...(target ? { target } : {}),
      motivation: incoming.motivation,
      ...(incoming.visibility ? { visibility: incoming.visibility } : {}),
      ...(incoming.groupId ? { groupId: incoming.groupId } : {}),
      body: incoming.body,
      tags: incoming.tags,
      ...(incoming.color ? { color: incoming.color } : {}),
    }),
  );
  const identity: AnnotationIdentity = {
    ...(incoming.canonical ? { canonical: incoming.canonical } : {}),
    ...(incoming.via ? { via: incoming.via } : incoming.id ? { via: incoming.id } : {}),
  };
  const created = (await createAnnotation(viewer, parsed, { identity }).catch(asW3cError)).annotation;
  const [annotation] = await render(viewer, [created], options.root);
  return { annotation, version: created.version, iri: annotation.id };
}

function sameTextTarget(current: Annotation["target"], next: PlacedTarget): boolean {
  return !!current && "quote" in current && current.quote.exact === next.quote.exact && current.position.start === next.position.start && current.position.end === next.position.end;
}

/**
 * Replaces an annotation with the state a W3C one describes (6.3), by its author; with
 * `If-Match`, only at that version (412 otherwise). `reader:visibility` and `reader:color` left
 * out keep their values (a generic client does not know them); an annotation keeps its brief (or
 * stays on other sources), its kind of target, and a set `canonical`/`via`.
 */
export async function replaceWebAnnotation(
  viewer: Viewer,
  id: string,
  sent: JsonObject,
  options: { root: string; precondition: VersionPrecondition | undefined },
): Promise<{ annotation: ServedAnnotation; version: number }> {
  const foreign = await findForeignFor(viewer, id);
  if (foreign) {
    // Who may see it and who may change it first, then what it would become.
    if (foreign.deleted) throw new AppError("gone", `Annotation “${id}” was deleted`, "id");
    if (foreign.author.id !== viewer.id) throw new AppError("forbidden", "Only its author can change this annotation", "id");
    if (!(await placementOf(viewer, sent, options.root)).foreign) throw new AppError("invalid_input", "an annotation on another source cannot move onto this reader's briefs", "target");
    const iris = await irisFor(options.root);
    const updated = await replaceForeign(viewer, id, sent, { iris, precondition: options.precondition });
    return { annotation: renderForeign(updated, iris), version: updated.version };
  }
  const current = await getAnnotation(viewer, id);
  if (current.deleted) throw new AppError("gone", `Annotation “${id}” was deleted`, "id");
  if (current.author.id !== viewer.id) throw new AppError("forbidden", "Only its author can change this annotation", "id");
  const placement = await placementOf(viewer, sent, options.root);
  if (placement.foreign) throw new AppError("invalid_input", `the annotation stays on the brief “${current.brief}”`, "target");
  const input = readerInput(placement.sent);
  const incoming = readIncoming(input, options.root);
  const resolve = iriResolver(options.root);
  if (input.id !== undefined && resolve.annotation(input.id) !== id) throw new AppError("invalid_input", `${input.id} is not this annotation`, "id");

  let target: PlacedTarget | undefined;
  const next = incoming.target;
  if (next.kind === "reply") {
    if (current.parentId === null || resolve.annotation(next.parentIri) !== current.parentId) throw new AppError("invalid_input", "an annotation cannot become a reply, nor a reply move to another annotation", "target");
  } else if (next.kind === "entity") {
    if (!current.target || !("entityId" in current.target) || current.target.entityId !== next.entityId) throw new AppError("invalid_input", "only a text annotation can move, to another passage of its brief", "target");
  } else {
    if (!current.target || !("quote" in current.target)) throw new AppError("invalid_input", "only a text annotation can move, to another passage of its brief", "target");
    if (next.brief !== current.brief) throw new AppError("invalid_input", `the annotation stays on the brief “${current.brief}”`, "target.source");
    const placed = await placedTextTarget(viewer, next);
    if (!sameTextTarget(current.target, placed)) target = placed;
  }

  const patch = checked(
    patchAnnotationSchema.safeParse({
      body: incoming.body,
      tags: incoming.tags,
      motivation: incoming.motivation,
      ...(incoming.visibility ? { visibility: incoming.visibility } : {}),
      ...(incoming.groupId ? { groupId: incoming.groupId } : {}),
      ...(incoming.color ? { color: incoming.color } : {}),
      ...(target ? { target } : {}),
    }),
  );
  const identity: AnnotationIdentity = {
    ...(incoming.canonical ? { canonical: incoming.canonical } : {}),
    ...(incoming.via ? { via: incoming.via } : {}),
  };
  const updated = await updateAnnotation(viewer, id, patch, options.precondition, identity).catch(asW3cError);
  const [annotation] = await render(viewer, [updated], options.root);
  return { annotation, version: updated.version };
}

/** Deletes (softly, as the app does) an annotation of the viewer's; 410 if it already is. */
export async function deleteWebAnnotation(viewer: Viewer, id: string, precondition: VersionPrecondition | undefined): Promise<void> {
  if (await findForeignFor(viewer, id)) return deleteForeign(viewer, id, precondition);
  const current = await getAnnotation(viewer, id);
  if (current.deleted) throw new AppError("gone", `Annotation “${id}” was deleted`, "id");
  await deleteAnnotation(viewer, id, precondition).catch(asW3cError);
}
