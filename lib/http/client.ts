/**
 * The browser's one way to call this app's API: JSON in, JSON out, and every failure as one typed
 * `ApiError` (the app's `{ error: { code, message, field? } }`, better-auth's `{ code, message }`,
 * a status without a body, or no answer at all), so the UI words an error by its code, never by
 * the server's English message.
 */
import type { AppErrorCode } from "@/lib/domain/errors";

/** What the UI can tell apart: the server's codes, better-auth's (upper case), and the two the client finds itself. */
export type ApiErrorCode = AppErrorCode | "network" | "aborted" | (string & {});

/** A failed call: the status (0 when nothing answered), a stable code, the server's message, and the field it is about. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** The status codes a body-less failure is read as (a proxy's 502 has no JSON). */
const CODE_OF_STATUS: Record<number, AppErrorCode> = {
  400: "invalid_input",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  410: "gone",
  412: "precondition_failed",
  413: "too_large",
  415: "unsupported_media_type",
  428: "precondition_required",
  429: "rate_limited",
};

/**
 * Reads an error body of either shape into an `ApiError`. Exported for better-auth's client, which
 * hands back `{ code?, message?, status }` instead of a Response.
 */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const fallback = CODE_OF_STATUS[status] ?? "internal";
  if (typeof body === "object" && body !== null) {
    const record = body as { error?: unknown; code?: unknown; message?: unknown; field?: unknown };
    const inner = typeof record.error === "object" && record.error !== null ? (record.error as { code?: unknown; message?: unknown; field?: unknown }) : record;
    const code = typeof inner.code === "string" && inner.code ? inner.code : fallback;
    const message = typeof inner.message === "string" ? inner.message : "";
    const field = typeof inner.field === "string" && inner.field ? inner.field : undefined;
    return new ApiError(status, code, message, field);
  }
  return new ApiError(status, fallback, "");
}

export interface ApiRequest extends Omit<RequestInit, "body"> {
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Sent as is (a file's text), with the content type the caller sets. */
  body?: BodyInit;
}

/**
 * Calls the API and answers the parsed JSON (`null` for 204 or 304). Throws `ApiError` for any
 * non-2xx answer and for a network failure (`code: "network"`, status 0), or `aborted` when the
 * caller's signal ended the call. The `Response` headers are passed to `onHeaders` (an ETag, say).
 */
export async function apiFetch<T>(url: string, request: ApiRequest = {}, onHeaders?: (headers: Headers, status: number) => void): Promise<T> {
  const { json, headers, body, ...rest } = request;
  const merged = new Headers(headers);
  if (!merged.has("accept")) merged.set("accept", "application/json");
  if (json !== undefined) merged.set("content-type", "application/json");
  let response: Response;
  try {
    response = await fetch(url, { ...rest, headers: merged, body: json !== undefined ? JSON.stringify(json) : body });
  } catch (caught) {
    if ((caught as Error)?.name === "AbortError") throw new ApiError(0, "aborted", "The request was cancelled");
    throw new ApiError(0, "network", (caught as Error)?.message ?? "The server could not be reached");
  }
  onHeaders?.(response.headers, response.status);
  if (response.status === 204 || response.status === 304) return null as T;
  const text = await response.text().catch(() => "");
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) throw apiErrorFrom(response.status, parsed);
  return parsed as T;
}
