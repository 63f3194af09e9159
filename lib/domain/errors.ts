/** Errors the services raise; one function (lib/http/respond.ts) turns them into HTTP answers. */
import type { z } from "zod";

export type AppErrorCode =
  | "not_found"
  | "invalid_input"
  | "invalid_content"
  | "unauthorized"
  | "forbidden"
  | "method_not_allowed"
  | "not_acceptable"
  | "conflict"
  | "gone"
  | "precondition_failed"
  | "precondition_required"
  | "idempotency_key_reused"
  | "too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unprocessable"
  | "internal";

/** A rate limit, as an answer names it: which one, how many, per how long. */
export interface RateLimitInfo {
  /** The setting that changes it, e.g. `ANNOTATION_WRITES_PER_MINUTE`. */
  name: string;
  max: number;
  windowSeconds: number;
}

export interface AppErrorOptions {
  /** For `rate_limited`: seconds until a retry can succeed. */
  retryAfter?: number;
  /** For `method_not_allowed`: the methods the resource serves. */
  allow?: readonly string[];
  /** For `rate_limited`: the limit that was reached. */
  limit?: RateLimitInfo;
  /**
   * Why, in a word a client can act on and the UI can translate (an upload's `encrypted`,
   * `no-text-layer`…), beside the English message.
   */
  reason?: string;
  /** For `conflict`: the thing that is already there (a duplicate upload's brief). */
  existing?: { slug: string };
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** The field or entry the error is about, when there is one. */
    readonly field?: string,
    readonly options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** What a failed parse found wrong, as the API names it: the field (a dotted path) and the problem, apart. */
export interface FieldProblem {
  field: string;
  message: string;
  /** The value is too big rather than wrong: answered with 413 (see `TOO_LARGE` in annotation.ts). */
  tooLarge: boolean;
}

/**
 * The first issue of a failed zod parse as a field and a message. A misspelt or forbidden key is
 * named itself, not the object that holds it; `where` names the whole input when the path is empty.
 */
export function firstProblem(error: z.ZodError, where = "(root)"): FieldProblem {
  let issue = error.issues[0];
  let prefix: PropertyKey[] = [];
  // A value that none of a union's shapes took: the problem is the one of the shape whose type
  // matched (a string that failed the string branch's rule), when there is one.
  while (issue.code === "invalid_union" && issue.errors.length > 0) {
    const typed = issue.errors.find((branch) => branch.length > 0 && branch[0].code !== "invalid_type");
    if (!typed) break;
    prefix = [...prefix, ...issue.path];
    issue = typed[0] as typeof issue;
  }
  let path = [...prefix, ...issue.path].map(String);
  if (issue.code === "unrecognized_keys" && issue.keys.length > 0) path = [...path, issue.keys[0]];
  const tooLarge = issue.code === "custom" && (issue.params as { appCode?: string } | undefined)?.appCode === "too_large";
  return { field: path.join(".") || where, message: issue.code === "unrecognized_keys" ? "unknown field" : issue.message, tooLarge };
}

/** A failed parse as the error the API answers with: 400 (413 when too large), naming the field. */
export function invalidInput(error: z.ZodError, where?: string): AppError {
  const problem = firstProblem(error, where);
  return new AppError(problem.tooLarge ? "too_large" : "invalid_input", problem.message, problem.field);
}

/**
 * Runs `work`, answering its `not_found` as another error about another field: a brief missing
 * from a note's target is the request's fault (400 naming `target.source`), not a missing page.
 */
export async function notFoundAs<T>(work: () => Promise<T>, code: AppErrorCode, field: string, message?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw new AppError(code, message ?? error.message, field);
    throw error;
  }
}
