/**
 * Reading a `multipart/form-data` upload: the body is read whole but never past a limit (a
 * declared or streamed size beyond it is refused with 413 before more is read), then parsed by
 * the platform's own FormData parser. The route checks the origin first: a form on another site
 * can send this media type without a preflight, so `assertSameOrigin` is what refuses it.
 */
import type { z } from "zod";
import { AppError, invalidInput } from "@/lib/domain/errors";

/** The body's bytes, refused with 413 once they pass `limit` (declared or read). */
async function readBytesCapped(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("too_large", `The upload is larger than ${Math.floor(limit / 1024 / 1024)} MB`, "file", { reason: "too-large" });
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("too_large", `The upload is larger than ${Math.floor(limit / 1024 / 1024)} MB`, "file", { reason: "too-large" });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** 415 unless the request is `multipart/form-data` (with its boundary). */
export function assertMultipart(request: Request): void {
  if (!/^multipart\/form-data\s*;/i.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type", "Send the file as multipart/form-data", "content-type");
  }
}

/** The form of a `multipart/form-data` request of at most `limit` bytes; 415 for another media type. */
export async function parseMultipart(request: Request, limit: number): Promise<FormData> {
  assertMultipart(request);
  const type = request.headers.get("content-type") as string;
  const bytes = await readBytesCapped(request, limit);
  try {
    return await new Response(bytes as unknown as BodyInit, { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("invalid_input", "The form data cannot be read", "(body)");
  }
}

/**
 * A form's one file (`fileField`, required) and its text fields, checked with `schema` as query
 * parameters are: a field the schema does not know, or a file where text belongs, is a 400 naming it.
 */
export function formWithFile<S extends z.ZodObject>(form: FormData, schema: S, fileField = "file"): { file: File; fields: z.infer<S> } {
  const file = form.get(fileField);
  if (!(file instanceof File)) throw new AppError("invalid_input", "is required: a file", fileField);
  const known = new Set(Object.keys(schema.shape));
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name === fileField) continue;
    if (!known.has(name)) throw new AppError("invalid_input", "unknown field", name);
    if (typeof value !== "string") throw new AppError("invalid_input", "must be text, not a file", name);
    fields[name] = value;
  }
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw invalidInput(parsed.error);
  return { file, fields: parsed.data };
}
