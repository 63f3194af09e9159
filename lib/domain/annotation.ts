/**
 * Annotations: highlights, comments, questions and tags on a brief, and replies to them.
 * The API shape and the zod schemas for its input, declared once. No IO.
 *
 * Offsets count Unicode code points into the brief's plain text (`briefText()`: blocks in
 * document order joined by "\n", NFC), never UTF-16 units.
 */
import { z } from "zod";
import { codePointLength } from "@/lib/text/code-points";
import { briefSlugSchema, type CodePointOffset } from "./brief";
import { storedText } from "@/lib/text/stored-text";

/**
 * The kinds of annotation, by their W3C motivations. `classifying` marks a passage as a claim (the
 * reader's "Claim": W3C's word for saying what kind of thing a target is); `tagging` carries tags.
 */
export const MOTIVATIONS = ["highlighting", "commenting", "questioning", "tagging", "classifying"] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

export const VISIBILITIES = ["private", "group", "shared"] as const;
/**
 * private: only its author ever sees it. group: the members of its group (`groupId`) and its
 * author. shared: every signed-in reader does. A reply has its parent's audience, or is private.
 */
export type Visibility = (typeof VISIBILITIES)[number];

/** The most a body may hold, in code points; more is refused with 413. */
export const MAX_BODY_CHARS = 20_000;
export const MAX_TAGS = 20;
export const MAX_TAG_CHARS = 64;

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPosition {
  start: CodePointOffset;
  end: CodePointOffset;
}

/** A span of the brief's text: the start block, the quote with its context, the position. */
export interface TextTarget {
  blockId: string;
  quote: TextQuote;
  position: TextPosition;
}

/** A whole entity or agreement record (`content/entities`, `content/agreements`). */
export interface EntityTarget {
  entityId: string;
}

export type AnnotationTarget = TextTarget | EntityTarget;

/** How a stored annotation sits on the current text: where it was, moved to, fuzzily found, or lost. */
export type AnchorStatus = "exact" | "moved" | "fuzzy" | "orphaned";

/** How a text target sits on the brief's current text; null for entity targets and replies. */
export interface AnnotationAnchor {
  status: AnchorStatus;
  score: number;
  /** SHA-256 of the brief revision the position refers to. */
  revision: string;
}

/** An annotation as the API returns it. Every text in it is NFC (lib/text/stored-text.ts). */
export interface Annotation {
  id: string;
  brief: string;
  motivation: Motivation;
  visibility: Visibility;
  /** The group a `group` annotation is shared with (its name as it is now); null otherwise. */
  group: { id: string; name: string } | null;
  /** Null for a reply: it is about its parent. */
  target: AnnotationTarget | null;
  /** Markdown source, as it was given but normalized to NFC. */
  body: string;
  tags: string[];
  parentId: string | null;
  author: { id: string; name: string };
  /** ISO 8601 times: made, and last changed by a person. */
  created: string;
  modified: string;
  /** True once the author changed its content after making it. */
  edited: boolean;
  /** Soft-deleted: only its author sees it, and can restore it. */
  deleted: boolean;
  /** Hidden by an admin: only admins and its author see it. */
  hidden: boolean;
  anchor: AnnotationAnchor | null;
  color: string | null;
  /** Bumped on every change; the ETag is `"<version>"`. */
  version: number;
  /** W3C `canonical` and `via`: the identity it was given elsewhere, and where it was copied from. */
  canonical: string | null;
  via: string | null;
}

/** What If-Match asked for: any current version (`*`), or one of these. */
export type VersionPrecondition = "*" | number[];

// ---------------------------------------------------------------------------------------------
// Input schemas. Unknown keys are refused (`strict`), so a misspelt field is a 400 naming it.

/** Marks a zod issue that should answer 413 rather than 400 (see lib/http/validate.ts). */
export const TOO_LARGE = { appCode: "too_large" } as const;

export const bodySchema = storedText().superRefine((value, context) => {
  if (codePointLength(value) > MAX_BODY_CHARS) {
    context.addIssue({ code: "custom", message: `must be at most ${MAX_BODY_CHARS} characters`, params: TOO_LARGE });
  }
});

// A tag is a label shown beside others: no bidirectional controls (lib/text/stored-text.ts).
const tagSchema = storedText({ label: true })
  .transform((tag) => tag.trim())
  .pipe(z.string().min(1, "must not be empty").max(MAX_TAG_CHARS));

/** Tags, trimmed, NFC, without repeats, in the order given. */
export const tagsSchema = z
  .array(tagSchema)
  .max(MAX_TAGS)
  .transform((tags) => [...new Set(tags)]);

export const colorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #ffd400")
  .transform((color) => color.toLowerCase());

// Selectors refer to NFC text by definition, so a client's NFD quote is normalized, not refused.
const nfc = (max: number) => storedText().pipe(z.string().max(max));

const quoteSchema = z
  .object({ exact: nfc(20_000).pipe(z.string().min(1, "must not be empty")), prefix: nfc(1_000).optional(), suffix: nfc(1_000).optional() })
  .strict();

const positionSchema = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .strict()
  .refine((position) => position.end > position.start, { message: "must be after start", path: ["end"] });

const idSchema = storedText().pipe(z.string().min(1).max(128));

/** Either a text target (blockId, quote, position) or an entity target (entityId), never both. */
export const targetSchema = z
  .object({ blockId: idSchema.optional(), quote: quoteSchema.optional(), position: positionSchema.optional(), entityId: idSchema.optional() })
  .strict()
  .superRefine((target, context) => {
    const textKeys = (["blockId", "quote", "position"] as const).filter((key) => target[key] !== undefined);
    if (target.entityId !== undefined) {
      for (const key of textKeys) context.addIssue({ code: "custom", message: "an entity target has only entityId", path: [key] });
      return;
    }
    for (const key of ["blockId", "quote", "position"] as const) {
      if (target[key] === undefined) context.addIssue({ code: "custom", message: "is required for a text target (or give entityId)", path: [key] });
    }
  })
  .transform((target): { entityId: string } | { blockId: string; quote: { exact: string; prefix?: string; suffix?: string }; position: TextPosition } =>
    target.entityId !== undefined
      ? { entityId: target.entityId }
      : { blockId: target.blockId as string, quote: target.quote as { exact: string }, position: target.position as TextPosition },
  );

export const createAnnotationSchema = z
  .object({
    brief: briefSlugSchema.optional(),
    motivation: z.enum(MOTIVATIONS).optional(),
    visibility: z.enum(VISIBILITIES).optional(),
    /** With `visibility: "group"`: the group (one the author is a member of). */
    groupId: idSchema.optional(),
    target: targetSchema.optional(),
    body: bodySchema.default(""),
    tags: tagsSchema.default([]),
    parentId: idSchema.nullable().optional(),
    color: colorSchema.nullable().optional(),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.groupId !== undefined && input.visibility !== undefined && input.visibility !== "group") {
      context.addIssue({ code: "custom", message: "is only for visibility \"group\"", path: ["groupId"] });
    }
    if (input.visibility === "group" && input.groupId === undefined && !input.parentId) {
      context.addIssue({ code: "custom", message: "is required with visibility \"group\"", path: ["groupId"] });
    }
    if (input.parentId) {
      if (input.target) context.addIssue({ code: "custom", message: "a reply has no target of its own", path: ["target"] });
      return;
    }
    if (!input.brief) context.addIssue({ code: "custom", message: "is required", path: ["brief"] });
    if (!input.target) context.addIssue({ code: "custom", message: "is required (or give parentId to reply)", path: ["target"] });
  });

export type CreateAnnotationInput = z.infer<typeof createAnnotationSchema>;

export const patchAnnotationSchema = z
  .object({
    body: bodySchema.optional(),
    tags: tagsSchema.optional(),
    motivation: z.enum(MOTIVATIONS).optional(),
    visibility: z.enum(VISIBILITIES).optional(),
    /** With `visibility: "group"` (or alone, on a group annotation): the group it moves to. */
    groupId: idSchema.optional(),
    color: colorSchema.nullable().optional(),
    deleted: z.boolean().optional(),
    hidden: z.boolean().optional(),
    /** A new text target: re-attaches an annotation (an orphan, say) to a newly selected span. */
    target: targetSchema.optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: "names nothing to change" })
  .refine((patch) => patch.groupId === undefined || patch.visibility === undefined || patch.visibility === "group", {
    message: "is only for visibility \"group\"",
    path: ["groupId"],
  });

export type PatchAnnotationInput = z.infer<typeof patchAnnotationSchema>;

/** The most annotations one page of a brief's list holds. */
export const MAX_LIST_PAGE = 1000;

/**
 * Where a page of a brief's annotations starts, as the API hands it out (`after`): opaque to
 * clients, the last note's creation time and id, base64url. Null when it is not one.
 */
export function decodeListCursor(cursor: string): { createdAt: Date; id: string } | null {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const bar = text.indexOf("|");
  if (bar < 0) return null;
  const createdAt = new Date(text.slice(0, bar));
  const id = text.slice(bar + 1);
  if (Number.isNaN(createdAt.getTime()) || !/^[^\u0000]{1,200}$/.test(id)) return null;
  return { createdAt, id };
}

export function encodeListCursor(cursor: { createdAt: Date; id: string }): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

export const listAnnotationsQuery = z
  .object({
    brief: briefSlugSchema,
    /** `deleted` adds the caller's own soft-deleted annotations (to restore them). */
    include: z.enum(["deleted"]).optional(),
    /** A page of at most this many (oldest first); without it, all of them in one answer. */
    limit: z.coerce.number().int().min(1).max(MAX_LIST_PAGE).optional(),
    /** Where the page starts: the `after` of the previous page's `Link: <…>; rel="next"`. */
    after: z
      .string()
      .max(200)
      .transform((value, context) => {
        const cursor = /^[A-Za-z0-9_-]+$/.test(value) ? decodeListCursor(value) : null;
        if (!cursor) context.addIssue({ code: "custom", message: "is not a page position this server gave out" });
        return cursor ?? z.NEVER;
      })
      .optional(),
  })
  .strict()
  .refine((query) => query.after === undefined || query.limit !== undefined, { message: "goes with limit", path: ["after"] });

/** GET /api/briefs/<slug>/changes: what changed since a position of the brief's event log. */
export const briefChangesQuery = z
  .object({
    since: z
      .string()
      .regex(/^\d{1,15}$/, "must be a whole number, 0 or more")
      .transform(Number),
  })
  .strict();

/** The rules a finished annotation must meet, whatever the order of edits that led to it. */
export function contentProblem(annotation: { motivation: Motivation; body: string; tags: string[] }): { field: string; message: string } | null {
  if ((annotation.motivation === "commenting" || annotation.motivation === "questioning") && annotation.body.trim() === "") {
    return { field: "body", message: `A ${annotation.motivation === "commenting" ? "comment" : "question"} needs a body` };
  }
  if (annotation.motivation === "tagging" && annotation.tags.length === 0) return { field: "tags", message: "A tagging annotation needs at least one tag" };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Idempotency-Key (POST /api/annotations): a client's name for one attempt to make one annotation.

/** A key's characters once unquoted: visible ASCII and spaces, 1–255 of them, as Stripe allows. */
export const idempotencyKeySchema = z
  .string()
  .min(1, "must not be empty")
  .max(255, "must be at most 255 characters")
  .regex(/^[\x20-\x7e]+$/, "must be printable ASCII");

/** JSON with object keys sorted, so that equal inputs give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * What identifies a create request for Idempotency-Key: its input after validation (so NFC and
 * NFD spellings, key order and whitespace of the JSON do not matter), as canonical JSON.
 */
export function createRequestText(input: CreateAnnotationInput): string {
  return canonicalJson(input);
}
