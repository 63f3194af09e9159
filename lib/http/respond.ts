/**
 * The one place errors become HTTP answers: a stable JSON body `{ error: { code, message, field? } }`
 * and a status chosen by the error's code.
 */
import { NextResponse } from "next/server";
import { AppError, type AppErrorCode } from "@/lib/domain/errors";

const STATUS: Record<AppErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  precondition_failed: 412,
  too_large: 413,
  unsupported_media_type: 415,
  // An Idempotency-Key sent again with another request (draft-ietf-httpapi-idempotency-key-header).
  idempotency_key_reused: 422,
  rate_limited: 429,
  invalid_content: 500,
  internal: 500,
};

export function json<T>(body: T, init?: ResponseInit): NextResponse<T> {
  return NextResponse.json(body, init);
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    const body = { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
    const headers = new Headers();
    if (error.options.retryAfter !== undefined) headers.set("retry-after", String(error.options.retryAfter));
    return NextResponse.json(body, { status: STATUS[error.code], headers });
  }
  console.error(error);
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on the server" } }, { status: 500 });
}

/** Runs a handler body and answers its errors through `errorResponse`. */
export async function handle(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return errorResponse(error);
  }
}
