/** Request parsing with zod: one generic helper, errors that name the field. */
import type { z } from "zod";
import { AppError } from "@/lib/domain/errors";

/** Parses the URL's query parameters with the schema; a bad one is a 400 naming it. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join(".") || "query";
  throw new AppError("invalid_input", `Query parameter ${field}: ${issue.message}`, field);
}
