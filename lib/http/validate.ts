/** Request parsing with zod: generic helpers, errors that name the field. */
import type { z } from "zod";
import { AppError, invalidInput } from "@/lib/domain/errors";
import { idempotencyKeySchema, type VersionPrecondition } from "@/lib/domain/annotation";
import { illFormedString } from "@/lib/text/stored-text";

// Names that reach an object's prototype rather than the object. Zod's compiled parsers let an
// own `__proto__` key slip past `.strict()`, so they are refused here before any parsing.
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Parses the URL's query parameters with the schema; a bad one is a 400 naming it. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const searchParams = new URL(request.url).searchParams;
  for (const key of searchParams.keys()) {
    if (RESERVED_KEYS.has(key)) throw new AppError("invalid_input", "unknown query parameter", key);
  }
  const params = Object.fromEntries(searchParams);
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  throw invalidInput(result.error, "query");
}

/** Requests larger than this are refused before they are read to the end. */
export const MAX_REQUEST_BYTES = 1_000_000;

/** The request body as text, refused with 413 once it passes `limit` bytes (declared or read). */
export async function readCapped(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("too_large", `The request is larger than ${limit} bytes`);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("too_large", `The request is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/**
 * Parses a JSON request body with the schema. Only `application/json` is accepted: a form post
 * from another site cannot send that type without a CORS preflight, which this app never grants.
 */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S, limit = MAX_REQUEST_BYTES): Promise<z.infer<S>> {
  return parseJsonBody(request, schema, { limit });
}

/**
 * `parseBody` for a choice of JSON media types (the annotation protocol also takes
 * `application/ld+json`, which, like `application/json`, no form can send without a preflight).
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: { limit?: number; types?: readonly string[] } = {},
): Promise<z.infer<S>> {
  const types = options.types ?? ["application/json"];
  const limit = options.limit ?? MAX_REQUEST_BYTES;
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!types.includes(type)) {
    throw new AppError("unsupported_media_type", `Send the request body as ${types.join(" or ")}`, "content-type");
  }
  const raw = parseJsonText(await readCapped(request, limit));
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw invalidInput(result.error, "(body)");
}

/**
 * A JSON request body's text as a value, refused with 400 when it is not JSON, names a reserved
 * key, or holds a string no text field could store (a lone surrogate, as `\ud800` escapes can
 * write): that one is refused here, at the edge, naming where it is, before any schema or the
 * database sees it (lib/text/stored-text.ts; the schemas' `storedText()` says the same per field).
 */
export function parseJsonText(text: string): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text, (key, value: unknown) => {
      if (RESERVED_KEYS.has(key)) throw new AppError("invalid_input", "unknown field", key);
      return value;
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("invalid_input", "The request body is not valid JSON", "(body)");
  }
  const ill = illFormedString(raw);
  if (ill) throw new AppError("invalid_input", ill.message, ill.field);
  return raw;
}

/**
 * For writes that take no body (DELETE) or hand it on (better-auth): a body, if there is one, must
 * be JSON (or one of `types`), for the same reason as in `parseBody`. A form post is refused with
 * 415 before anything else looks at it.
 */
export function assertJsonOrNoBody(request: Request, types: readonly string[] = ["application/json"]): void {
  const type = request.headers.get("content-type");
  const hasBody = Number(request.headers.get("content-length") ?? "0") > 0 || request.headers.has("transfer-encoding");
  const named = (type ?? "").split(";")[0].trim().toLowerCase();
  if (type === null ? hasBody : !types.includes(named)) throw new AppError("unsupported_media_type", `Send the request body as ${types.join(" or ")}`, "content-type");
}

/**
 * For writes that check the role before reading the body: what the headers alone show is refused
 * first, for everyone alike — a form post (415) or a declared size over the limit (413) — so
 * the answer does not depend on who asks, and nothing of the body is read before the role.
 */
export function assertJsonRequestHeaders(request: Request, limit = MAX_REQUEST_BYTES): void {
  assertJsonOrNoBody(request);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("too_large", `The request is larger than ${limit} bytes`);
}

/**
 * The versions an `If-Match` header accepts: `*`, a list of versions, or undefined without the
 * header. ETags are strong, `"<version>"`; a weak or foreign tag matches nothing (RFC 9110 13.1.1).
 */
export function parseIfMatch(request: Request): VersionPrecondition | undefined {
  const header = request.headers.get("if-match");
  if (header === null) return undefined;
  if (header.trim() === "*") return "*";
  const versions: number[] = [];
  for (const match of header.matchAll(/(W\/)?"([^"]*)"/g)) {
    if (!match[1] && /^[1-9]\d{0,9}$/.test(match[2])) versions.push(Number(match[2]));
  }
  return versions;
}

/** The strong ETag of a version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The request's `Idempotency-Key`, or undefined without one. Sent as a structured-field string
 * (`"…"`, as draft-ietf-httpapi-idempotency-key-header writes it) or bare, as most clients do.
 */
export function parseIdempotencyKey(request: Request): string | undefined {
  const header = request.headers.get("idempotency-key");
  if (header === null) return undefined;
  const quoted = /^"((?:[^"\\]|\\["\\])*)"$/.exec(header);
  const value = quoted ? quoted[1].replace(/\\(["\\])/g, "$1") : header;
  const result = idempotencyKeySchema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError("invalid_input", invalidInput(result.error).message, "idempotency-key");
}
