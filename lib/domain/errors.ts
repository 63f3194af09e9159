/** Errors the services raise; one function (lib/http/respond.ts) turns them into HTTP answers. */
export type AppErrorCode =
  | "not_found"
  | "invalid_input"
  | "invalid_content"
  | "unauthorized"
  | "forbidden"
  | "precondition_failed"
  | "idempotency_key_reused"
  | "too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "internal";

export interface AppErrorOptions {
  /** For `rate_limited`: seconds until a retry can succeed. */
  retryAfter?: number;
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
