/** How a failed request is put to the reader: one function, so every form words errors alike. */
import type { Locale } from "./messages";

/** A failure as the API client reports it (`ApiError` in lib/http/client.ts), or any thrown value. */
export interface ProblemLike {
  code?: string;
  message?: string;
  field?: string;
  status?: number;
}

/** The text a form shows for a failed request. */
export function errorText(_locale: Locale, problem: unknown): string {
  const { message, field, status } = (problem ?? {}) as ProblemLike;
  const text = message || (status ? String(status) : "");
  return `${text}${field ? ` (${field})` : ""}`;
}
