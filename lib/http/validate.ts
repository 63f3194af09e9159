/** Request parsing with zod: generic helpers, errors that name the field. */
import type { z } from "zod";
import { AppError } from "@/lib/domain/errors";
import { idempotencyKeySchema, type VersionPrecondition } from "@/lib/domain/annotation";

/** The first issue of a failed parse as an AppError naming its field (413 when marked too large). */
function issueError(error: z.ZodError, where: string): AppError {
  const issue = error.issues[0];
  let path = issue.path.map(String);
  // A misspelt or forbidden key is named itself, not the object that holds it.
  if (issue.code === "unrecognized_keys" && issue.keys.length > 0) path = [...path, issue.keys[0]];
  const field = path.join(".") || where;
  const tooLarge = issue.code === "custom" && (issue.params as { appCode?: string } | undefined)?.appCode === "too_large";
  const message = issue.code === "unrecognized_keys" ? `${field}: unknown field` : `${field}: ${issue.message}`;
  return new AppError(tooLarge ? "too_large" : "invalid_input", message, field);
}

/** Parses the URL's query parameters with the schema; a bad one is a 400 naming it. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const error = issueError(result.error, "query");
  throw new AppError(error.code, `Query parameter ${error.message}`, error.field);
}

/** Requests larger than this are refused before they are read to the end. */
export const MAX_REQUEST_BYTES = 1_000_000;

async function readCapped(request: Request, limit: number): Promise<string> {
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
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the request body as application/json", "content-type");
  }
  const text = await readCapped(request, limit);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON");
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw issueError(result.error, "(body)");
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
  throw new AppError("invalid_input", `Idempotency-Key: ${result.error.issues[0].message}`, "idempotency-key");
}
