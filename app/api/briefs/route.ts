import { assertEditor, requireViewer, viewerOf } from "@/lib/auth/session";
import { libraryQuerySchema, uploadFieldsSchema } from "@/lib/domain/library";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { assertMultipart, formWithFile, parseMultipart } from "@/lib/http/multipart";
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
    const viewer = await requireViewer(request);
    // The media type before the role: a form post is refused alike whoever sends it.
    assertMultipart(request);
    assertEditor(viewer);
    // The file, and room for the other fields and the multipart framing.
    const form = await parseMultipart(request, uploadLimitBytes() + 64 * 1024);
    const { file, fields } = formWithFile(form, uploadFieldsSchema);
    const result = await uploadBrief(viewer, {
      file: { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
      slug: fields.slug,
      publish: fields.publish === "true",
    });
    return json(result, { status: 201, headers: { location: `/api/briefs/${result.slug}`, "cache-control": "private, no-store" } });
  });
}

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
