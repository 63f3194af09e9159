/** Errors the services raise; one function (lib/http/respond.ts) turns them into HTTP answers. */
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
