/**
 * The one place errors become HTTP answers: a stable JSON body `{ error: { code, message, field? } }`
 * and a status chosen by the error's code.
 */
import { NextResponse } from "next/server";
import { AppError, type AppErrorCode } from "@/lib/domain/errors";

const STATUS: Record<AppErrorCode, number> = {
  not_found: 404,
  invalid_input: 400,
  invalid_content: 500,
  internal: 500,
};

export function json<T>(body: T, init?: ResponseInit): NextResponse<T> {
  return NextResponse.json(body, init);
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    const body = { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
    return NextResponse.json(body, { status: STATUS[error.code] });
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
