/**
 * Annotations in the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/),
 * both ways: what the protocol container and JSON-LD export serve, and what import accepts.
 * Pure: IRIs are built from a base the caller gives, block offsets from the brief's text.
 *
 * Shape served:
 *   target.source     the brief's IRI, `<base>/briefs/<slug>`
 *   target.selector   a FragmentSelector naming the block the span starts in, refinedBy a
 *                     TextQuoteSelector (exact/prefix/suffix) and, as an alternative, the same
 *                     fragment refinedBy a TextPositionSelector counted from the block's start.
 *                     A span that runs into later blocks is a RangeSelector between two such
 *                     fragment+position pairs, as the model provides for ranges across elements.
 *   body              a TextualBody (format text/markdown, purpose = the motivation) for the note,
 *                     one TextualBody with purpose "tagging" per tag.
 *   replies           motivation "replying", target = the parent annotation's IRI; the body's
 *                     purpose keeps whether the reply comments or asks.
 * Offsets are code points of the NFC text, as the model's TextPositionSelector counts them.
 * What the model has no term for (visibility and, for a group note, its group; colour, how the anchor was found, the brief a note
 * on an entity or record was written in) is under the `reader:` prefix in a second context.
 */
import { z } from "zod";
import { codePointLength } from "@/lib/text/code-points";
import { storedText } from "@/lib/text/stored-text";
import { firstProblem } from "@/lib/domain/errors";
import { type Annotation, MAX_BODY_CHARS, MOTIVATIONS, type Motivation, VISIBILITIES, type Visibility } from "@/lib/domain/annotation";
import {
  anySelectorSchema,
  FRAGMENT_CONFORMS_TO,
  type FragmentSelector,
  SELECTOR_TYPES,
  type Selector,
  type SelectorInput,
  selectorSchema,
  type TextQuoteSelector,
} from "./selectors";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld";
/** The media type the protocol requires, with the profile of the annotation context. */
export const ANNO_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** The IRIs of the things an annotation refers to; the caller knows the origin and routes. */
export interface IriScheme {
  annotation(id: string): string;
  brief(slug: string): string;
  user(id: string): string;
  /** An entity or an agreement record. */
  entity(id: string): string;
  /** A group (`reader:group`): its API resource, which its members may read. */
  group(id: string): string;
}

export function iriScheme(base: string, isRecord: (id: string) => boolean = () => false): IriScheme {
  const root = base.replace(/\/+$/, "");
  return {
    annotation: (id) => `${root}/annotations/${encodeURIComponent(id)}`,
    brief: (slug) => `${root}/briefs/${encodeURIComponent(slug)}`,
    user: (id) => `${root}/users/${encodeURIComponent(id)}`,
    entity: (id) => `${root}/${isRecord(id) ? "agreements" : "entities"}/${encodeURIComponent(id)}`,
    group: (id) => `${root}/api/groups/${encodeURIComponent(id)}`,
  };
}

/** Where each block of the text the positions refer to starts and ends (code points). */
export interface BlockSpans {
  blocks: { id: string; start: number; end: number }[];
}

export interface TextualBody {
  type: "TextualBody";
  value: string;
  format?: string;
  purpose?: string;
  language?: string;
}

export interface SpecificResource {
  type?: "SpecificResource";
  source: string;
  selector?: Selector | Selector[];
}

/** One annotation as JSON-LD, compacted with the annotation context. */
export interface WebAnnotation {
  "@context": string | (string | Record<string, string>)[];
  id: string;
  type: "Annotation";
  motivation: string;
  created: string;
  modified: string;
  creator?: { id: string; type: "Person"; name: string };
  generator?: { id: string; type: "Software"; name: string };
  canonical?: string;
  via?: string;
  body?: TextualBody[];
  target: SpecificResource | string;
  "reader:visibility": Visibility;
  /** For `reader:visibility` "group": the group's IRI. */
  "reader:group"?: string;
  "reader:color"?: string;
  "reader:anchor"?: { status: string; score: number };
  /** For a note on an entity or record: the brief it was written in (its target names only the entity). */
  "reader:brief"?: string;
}

/** The extra terms, in a context of their own after the annotation context. */
export function readerContext(base: string): Record<string, string> {
  return { reader: `${base.replace(/\/+$/, "")}/ns/reader#` };
}

/** An annotation in the W3C model. `text` gives block offsets for the position its anchor uses. */
export function toWebAnnotation(
  annotation: Annotation,
  options: { iris: IriScheme; base: string; text: BlockSpans },
): WebAnnotation {
  const { iris } = options;
  const bodies: TextualBody[] = [];
  const reply = annotation.parentId !== null;
  if (annotation.body !== "") {
    bodies.push({ type: "TextualBody", value: annotation.body, format: "text/markdown", purpose: reply ? annotation.motivation : purposeOf(annotation.motivation) });
  }
  for (const tag of annotation.tags) bodies.push({ type: "TextualBody", value: tag, purpose: "tagging" });

  let target: WebAnnotation["target"];
  if (reply) {
    target = iris.annotation(annotation.parentId as string);
  } else if (annotation.target && "entityId" in annotation.target) {
    target = iris.entity(annotation.target.entityId);
  } else if (annotation.target) {
    target = { type: "SpecificResource", source: iris.brief(annotation.brief), selector: textSelectors(annotation.target, options.text) };
  } else {
    target = iris.brief(annotation.brief);
  }

  return {
    "@context": [ANNO_CONTEXT, readerContext(options.base)],
    id: iris.annotation(annotation.id),
    type: "Annotation",
    motivation: reply ? "replying" : annotation.motivation,
    created: annotation.created,
    modified: annotation.modified,
    creator: { id: iris.user(annotation.author.id), type: "Person", name: annotation.author.name },
    ...(annotation.canonical ? { canonical: annotation.canonical } : {}),
    ...(annotation.via ? { via: annotation.via } : {}),
    ...(bodies.length > 0 ? { body: bodies } : {}),
    target,
    "reader:visibility": annotation.visibility,
    ...(annotation.visibility === "group" && annotation.group ? { "reader:group": iris.group(annotation.group.id) } : {}),
    ...(annotation.color ? { "reader:color": annotation.color } : {}),
    ...(annotation.anchor ? { "reader:anchor": { status: annotation.anchor.status, score: annotation.anchor.score } } : {}),
    ...(!reply && annotation.target && "entityId" in annotation.target ? { "reader:brief": iris.brief(annotation.brief) } : {}),
  };
}

// A highlight has no body; the others describe their body by the same word.
function purposeOf(motivation: Motivation): string {
  return motivation;
}

function fragment(blockId: string, refinedBy: Selector): FragmentSelector {
  return { type: "FragmentSelector", conformsTo: FRAGMENT_CONFORMS_TO, value: blockId, refinedBy };
}

/** Block fragment → quote, and block fragment → position (or a range across blocks). */
function textSelectors(target: Extract<Annotation["target"], { quote: unknown }>, text: BlockSpans): Selector[] {
  const quote: TextQuoteSelector = { type: "TextQuoteSelector", exact: target.quote.exact, prefix: target.quote.prefix, suffix: target.quote.suffix };
  const selectors: Selector[] = [fragment(target.blockId, quote)];
  const startBlock = text.blocks.find((block) => block.id === target.blockId);
  // An orphan's block may be gone from the text; its quote is then all there is to go on.
  if (!startBlock || target.position.start < startBlock.start || target.position.start > startBlock.end) return selectors;
  const { start, end } = target.position;
  if (end <= startBlock.end) {
    selectors.push(fragment(startBlock.id, { type: "TextPositionSelector", start: start - startBlock.start, end: end - startBlock.start }));
    return selectors;
  }
  const endBlock = text.blocks.find((block) => end > block.start && end <= block.end);
  if (!endBlock) return selectors;
  selectors.push({
    type: "RangeSelector",
    startSelector: fragment(startBlock.id, { type: "TextPositionSelector", start: start - startBlock.start, end: start - startBlock.start }),
    endSelector: fragment(endBlock.id, { type: "TextPositionSelector", start: end - endBlock.start, end: end - endBlock.start }),
  });
  return selectors;
}

// ---------------------------------------------------------------------------------------------
// Reading annotations in: from our own export, the protocol, or other tools (Hypothesis puts
// document-level TextQuote/TextPosition selectors straight on the target). Lenient in the
// shapes JSON-LD allows (one value or an array), strict in what each value must be.

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).min(1)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.infer<T>[]);

// Every string read from an incoming annotation is text the reader may store (lib/text/stored-text.ts):
// a lone surrogate or U+0000 anywhere is a 400 naming its field, never a database error.
const text = () => storedText();

const textualBodySchema = z.object({
  type: z.literal("TextualBody"),
  value: text(),
  format: text().optional(),
  purpose: text().optional(),
  language: text().optional(),
});

const specificResourceSchema = z.object({
  type: z.literal("SpecificResource").optional(),
  source: text().pipe(z.string().min(1)),
  selector: oneOrMany(anySelectorSchema).optional(),
});

/** A W3C annotation as import and the protocol accept it. Unknown terms are ignored. */
export const webAnnotationInputSchema = z
  .object({
    "@context": z.union([z.string(), z.array(z.unknown())]).optional(),
    id: text().optional(),
    type: z.union([z.literal("Annotation"), z.array(z.string()).refine((types) => types.includes("Annotation"), "must include Annotation")]).optional(),
    motivation: oneOrMany(text()).optional(),
    created: text().optional(),
    modified: text().optional(),
    canonical: text().pipe(z.string().max(2_000)).optional(),
    via: oneOrMany(text().pipe(z.string().max(2_000))).optional(),
    body: oneOrMany(z.union([textualBodySchema, text()])).optional(),
    bodyValue: text().optional(),
    target: oneOrMany(z.union([text().pipe(z.string().min(1)), specificResourceSchema])),
    "reader:visibility": z.enum(VISIBILITIES).optional(),
    "reader:group": text().pipe(z.string().min(1).max(2_000)).optional(),
    "reader:color": z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #ffd400").optional(),
    "reader:brief": text().pipe(z.string().min(1)).optional(),
  })
  .passthrough();

export type WebAnnotationInput = z.infer<typeof webAnnotationInputSchema>;

/** Where an incoming annotation points, in the reader's terms. */
export type IncomingTarget =
  | {
      kind: "text";
      brief: string;
      blockId?: string;
      quote?: { exact: string; prefix: string; suffix: string };
      /** Offsets within the block `block`, or within the whole brief text when it has none. */
      position?: { start: number; end: number; block?: string };
      range?: { startBlock: string; start: number; endBlock: string; end: number };
    }
  | { kind: "entity"; entityId: string; /** The brief it was written in, from `reader:brief`. */ brief?: string }
  | { kind: "reply"; parentIri: string };

/** An incoming annotation, read into the reader's terms but not yet placed on any text. */
export interface IncomingAnnotation {
  id?: string;
  motivation: Motivation;
  visibility?: Visibility;
  /** With visibility "group": the group's id, when its IRI is one of this reader's groups. */
  groupId?: string;
  body: string;
  tags: string[];
  color?: string;
  target: IncomingTarget;
  canonical?: string;
  via?: string;
  created?: string;
  modified?: string;
}

/** Resolves the IRIs an annotation points at; null when the IRI is not one of this reader's. */
export interface IriResolver {
  brief(iri: string): string | null;
  entity(iri: string): string | null;
  annotation(iri: string): string | null;
  group(iri: string): string | null;
}

export function iriResolver(base: string): IriResolver {
  const root = base.replace(/\/+$/, "");
  // Accept IRIs of any origin whose path is ours: an export from another installation refers
  // to the same brief by the same path.
  const pathOf = (iri: string): string | null => {
    try {
      return new URL(iri, `${root}/`).pathname;
    } catch {
      return null;
    }
  };
  const match = (iri: string, pattern: RegExp) => {
    const path = pathOf(iri);
    const found = path ? pattern.exec(path) : null;
    return found ? decodeURIComponent(found[1]) : null;
  };
  return {
    brief: (iri) => match(iri, /^\/briefs\/([^/?#]+)\/?$/),
    entity: (iri) => match(iri, /^\/(?:entities|agreements)\/([^/?#]+)\/?$/),
    annotation: (iri) => match(iri, /^\/(?:annotations|api\/annotations)\/([^/?#]+)\/?$/),
    group: (iri) => match(iri, /^\/api\/groups\/([^/?#]+)\/?$/),
  };
}

/** A problem with an incoming annotation, naming the field as the API's errors do. */
export class WebAnnotationError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

function selectorsOf(resource: z.infer<typeof specificResourceSchema>): SelectorInput[] {
  return resource.selector ?? [];
}

/** Reads one W3C annotation (already parsed by `webAnnotationInputSchema`) into the reader's terms. */
export function fromWebAnnotation(input: WebAnnotationInput, resolve: IriResolver): IncomingAnnotation {
  const motivations = input.motivation ?? [];
  const bodies = (input.body ?? []).map((body) => (typeof body === "string" ? { type: "TextualBody" as const, value: body } : body));
  if (input.bodyValue !== undefined) bodies.unshift({ type: "TextualBody", value: input.bodyValue, format: "text/plain" });
  const tags = bodies.filter((body) => body.purpose === "tagging").map((body) => body.value);
  const notes = bodies.filter((body) => body.purpose !== "tagging");
  if (notes.length > 1) throw new WebAnnotationError("only one note body (besides tags) is supported", "body");
  const note = notes[0];
  const text = note?.value.normalize("NFC") ?? "";
  if (codePointLength(text) > MAX_BODY_CHARS) throw new WebAnnotationError(`must be at most ${MAX_BODY_CHARS} characters`, "body");

  const targets = input.target;
  if (targets.length > 1) throw new WebAnnotationError("only one target per annotation is supported", "target");
  const target = readTarget(targets[0], resolve);
  if (target.kind === "entity" && input["reader:brief"]) {
    const brief = resolve.brief(input["reader:brief"]);
    if (!brief) throw new WebAnnotationError(`${input["reader:brief"]} is not a brief of this reader`, "reader:brief");
    target.brief = brief;
  }

  const isReply = motivations.includes("replying") || target.kind === "reply";
  const known = (value: string | undefined): Motivation | undefined => (MOTIVATIONS as readonly string[]).includes(value ?? "") ? (value as Motivation) : undefined;
  let motivation: Motivation;
  if (isReply) motivation = known(note?.purpose) ?? "commenting";
  else motivation = known(motivations.find((value) => known(value))) ?? known(note?.purpose) ?? (text.trim() ? "commenting" : tags.length > 0 ? "tagging" : "highlighting");
  if (isReply && target.kind !== "reply") throw new WebAnnotationError("a reply's target is the annotation it replies to", "target");

  return {
    ...(input.id ? { id: input.id } : {}),
    motivation,
    ...(input["reader:visibility"] ? { visibility: input["reader:visibility"] } : {}),
    ...groupOf(input, resolve),
    body: text,
    tags,
    ...(input["reader:color"] ? { color: input["reader:color"].toLowerCase() } : {}),
    target,
    ...(input.canonical ? { canonical: input.canonical } : {}),
    ...(input.via?.[0] ? { via: input.via[0] } : {}),
    ...(input.created ? { created: input.created } : {}),
    ...(input.modified ? { modified: input.modified } : {}),
  };
}

function readTarget(target: string | z.infer<typeof specificResourceSchema>, resolve: IriResolver): IncomingTarget {
  if (typeof target === "string") {
    const parent = resolve.annotation(target);
    if (parent) return { kind: "reply", parentIri: target };
    const entityId = resolve.entity(target);
    if (entityId) return { kind: "entity", entityId };
    const brief = resolve.brief(target);
    if (brief) throw new WebAnnotationError("an annotation on a whole brief needs a selector naming the passage", "target.selector");
    throw new WebAnnotationError(`${target} is not a brief, entity, record or annotation of this reader`, "target");
  }
  const brief = resolve.brief(target.source);
  if (!brief) {
    const entityId = resolve.entity(target.source);
    if (entityId) return { kind: "entity", entityId };
    throw new WebAnnotationError(`${target.source} is not a brief of this reader`, "target.source");
  }
  const found: Extract<IncomingTarget, { kind: "text" }> = { kind: "text", brief };
  for (const selector of selectorsOf(target)) readSelector(selector, found, null);
  if (!found.quote) throw new WebAnnotationError("a TextQuoteSelector (on its own or refining a block fragment) is required", "target.selector");
  return found;
}

// Collects quote, position and block from a selector tree; the first of each kind wins.

function readSelector(selector: SelectorInput, into: Extract<IncomingTarget, { kind: "text" }>, block: string | null): void {
  if (!(SELECTOR_TYPES as readonly string[]).includes(selector.type)) return;
  const parsed = selectorSchema.safeParse(selector);
  if (!parsed.success) {
    const problem = firstProblem(parsed.error, "value");
    throw new WebAnnotationError(`${selector.type} ${problem.field}: ${problem.message}`, "target.selector");
  }
  const value = parsed.data;
  if (value.type === "FragmentSelector") {
    const id = value.value.replace(/^#/, "");
    if (value.refinedBy) readSelector(value.refinedBy, into, id);
    else into.blockId ??= id;
    return;
  }
  if (value.type === "TextQuoteSelector") {
    if (!into.quote) {
      into.quote = { exact: value.exact.normalize("NFC"), prefix: (value.prefix ?? "").normalize("NFC"), suffix: (value.suffix ?? "").normalize("NFC") };
      if (block) into.blockId ??= block;
    }
    return;
  }
  if (value.type === "TextPositionSelector") {
    // A position inside a block and one over the whole text are both kept only if they agree on
    // which one they are: the first position read decides.
    if (!into.position && !into.range) into.position = { start: value.start, end: value.end, ...(block ? { block } : {}) };
    if (block) into.blockId ??= block;
    return;
  }
  const start = selectorSchema.safeParse(value.startSelector);
  const end = selectorSchema.safeParse(value.endSelector);
  if (into.range || into.position || !start.success || !end.success) return;
  const ends = [start.data, end.data].map((part) => {
    if (part.type !== "FragmentSelector" || part.refinedBy?.type !== "TextPositionSelector") return null;
    const offset = part.refinedBy.start;
    return typeof offset === "number" && Number.isInteger(offset) && offset >= 0 ? { block: part.value.replace(/^#/, ""), offset } : null;
  });
  if (ends[0] && ends[1]) {
    into.range = { startBlock: ends[0].block, start: ends[0].offset, endBlock: ends[1].block, end: ends[1].offset };
    into.blockId ??= ends[0].block;
  }
}

/**
 * The position of an incoming text target in the whole text, when its selectors give one
 * (block-relative offsets need that block to exist in `text`); only a hint for re-anchoring.
 */
export function documentPosition(target: Extract<IncomingTarget, { kind: "text" }>, text: BlockSpans): { start: number; end: number } | undefined {
  const startOf = (id: string) => text.blocks.find((block) => block.id === id)?.start;
  if (target.range) {
    const a = startOf(target.range.startBlock);
    const b = startOf(target.range.endBlock);
    if (a === undefined || b === undefined) return undefined;
    return { start: a + target.range.start, end: b + target.range.end };
  }
  if (!target.position) return undefined;
  if (!target.position.block) return { start: target.position.start, end: target.position.end };
  const blockStart = startOf(target.position.block);
  return blockStart === undefined ? undefined : { start: blockStart + target.position.start, end: blockStart + target.position.end };
}

/** `reader:group` read into a group id: only with visibility "group", and only an IRI of this reader's. */
function groupOf(input: WebAnnotationInput, resolve: IriResolver): { groupId?: string } {
  const iri = input["reader:group"];
  if (iri === undefined) return {};
  if (input["reader:visibility"] !== "group") throw new WebAnnotationError('is only for reader:visibility "group"', "reader:group");
  const id = resolve.group(iri);
  if (!id) throw new WebAnnotationError(`${iri} is not a group of this reader`, "reader:group");
  return { groupId: id };
}
