/** Errors the services raise; one function (lib/http/respond.ts) turns them into HTTP answers. */
export type AppErrorCode = "not_found" | "invalid_input" | "invalid_content" | "internal";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** The field or entry the error is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}
