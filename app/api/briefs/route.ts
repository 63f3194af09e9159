import { requireEditor, viewerOf } from "@/lib/auth/session";
import { AppError, invalidInput } from "@/lib/domain/errors";
import { libraryQuerySchema, uploadFieldsSchema } from "@/lib/domain/library";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { parseMultipart, textField } from "@/lib/http/multipart";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { parseQuery } from "@/lib/http/validate";
import { listLibrary } from "@/lib/services/briefs";
import { uploadBrief, uploadLimitBytes } from "@/lib/services/uploads";

/**
 * GET /api/briefs[?entity=&institute=&year=&q=&mine=1&sort=]: the briefs the viewer may read, with
 * title, institute, author, date, counts and note counts, filtered and sorted.
 */
export async function GET(request: Request) {
  return handle(async () => {
    const viewer = await viewerOf(request);
    const query = parseQuery(request, libraryQuerySchema);
    return json(await listLibrary(viewer, query), { headers: { "cache-control": viewer ? "private, no-store" : "no-cache" } });
  });
}

/**
 * POST /api/briefs (multipart/form-data: `file`, `slug`?, `publish`?): an editor adds a brief, or
 * a new version of one; 201 `{ slug, status, counts, problems }`.
 */
export async function POST(request: Request) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireEditor(request);
    // The file, and room for the other fields and the multipart framing.
    const form = await parseMultipart(request, uploadLimitBytes() + 64 * 1024);
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("invalid_input", "is required: the brief as a file", "file");
    const fields = uploadFieldsSchema.safeParse(Object.fromEntries(["slug", "publish"].flatMap((name) => (textField(form, name) === undefined ? [] : [[name, textField(form, name)]]))));
    if (!fields.success) throw invalidInput(fields.error);
    const unknown = [...form.keys()].find((name) => !["file", "slug", "publish"].includes(name));
    if (unknown) throw new AppError("invalid_input", "unknown field", unknown);
    const result = await uploadBrief(viewer, {
      file: { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
      slug: fields.data.slug,
      publish: fields.data.publish === "true",
    });
    return json(result, { status: 201, headers: { location: `/api/briefs/${result.slug}`, "cache-control": "private, no-store" } });
  });
}

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
