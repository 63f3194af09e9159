/**
 * Answers for the methods a route does not serve. Next answers those with an empty 405 of its
 * own; a client of this API gets the same JSON error as everywhere else, and `Allow`.
 */
import { AppError } from "@/lib/domain/errors";
import { errorResponse } from "./respond";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const METHODS: readonly Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Handlers for every method but `served`, to export from a route file: `export const { POST, … } = …`. */
export function otherMethods(...served: Method[]): Record<Method, (request: Request) => Response> {
  // HEAD and OPTIONS are answered by Next itself for every route that has GET.
  const allow = [...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
  const refuse = (request: Request) =>
    errorResponse(new AppError("method_not_allowed", `${request.method} is not served here; use ${allow.join(", ")}`, "method", { allow }));
  const handlers = {} as Record<Method, (request: Request) => Response>;
  for (const method of METHODS) handlers[method] = refuse;
  return handlers;
}
