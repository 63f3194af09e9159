/**
 * The one place errors become HTTP answers: a stable JSON body `{ error: { code, message, field? } }`
 * (plus `limit: { name, max, windowSeconds }` on a 429, `reason` where a word says why, `existing`
 * on a conflict with something already there) and a status chosen by the error's code.
 */
import { NextResponse } from "next/server";
import { AppError, type AppErrorCode } from "@/lib/domain/errors";

const STATUS: Record<AppErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  conflict: 409,
  gone: 410,
  precondition_failed: 412,
  precondition_required: 428,
  too_large: 413,
  unsupported_media_type: 415,
  // An Idempotency-Key sent again with another request (draft-ietf-httpapi-idempotency-key-header).
  idempotency_key_reused: 422,
  rate_limited: 429,
  // The request is well formed but its content cannot be used: an encrypted PDF, a scan without text.
  unprocessable: 422,
  invalid_content: 500,
  internal: 500,
};

export function json<T>(body: T, init?: ResponseInit): NextResponse<T> {
  return NextResponse.json(body, init);
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    const { limit, reason, existing } = error.options;
    const body = {
      error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(limit ? { limit } : {}), ...(reason ? { reason } : {}), ...(existing ? { existing } : {}) },
    };
    const headers = new Headers();
    if (error.options.retryAfter !== undefined) headers.set("retry-after", String(error.options.retryAfter));
    if (error.options.allow) headers.set("allow", error.options.allow.join(", "));
    // RFC 9110 asks a 401 to name a scheme; scripts sign in with a personal API token.
    if (error.code === "unauthorized") headers.set("www-authenticate", 'Bearer realm="brief-reader"');
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

/**
 * better-auth answers its rate limits with `X-Retry-After` only; clients and proxies read the
 * standard `Retry-After`, so a 429 gets both.
 */
export function withRetryAfter(response: Response): Response {
  const wait = response.headers.get("x-retry-after");
  if (response.status !== 429 || !wait || response.headers.has("retry-after")) return response;
  const headers = new Headers(response.headers);
  headers.set("retry-after", wait);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
