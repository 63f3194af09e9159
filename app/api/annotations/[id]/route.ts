import { requireViewer } from "@/lib/auth/session";
import type { Annotation } from "@/lib/domain/annotation";
import { patchAnnotationSchema } from "@/lib/domain/annotation";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody, etagOf, parseBody, parseIfMatch } from "@/lib/http/validate";
import { deleteAnnotation, getAnnotation, updateAnnotation } from "@/lib/services/annotations";
import { otherMethods } from "@/lib/http/method-not-allowed";

type Context = RouteContext<"/api/annotations/[id]">;

function answer(annotation: Annotation) {
  return json(annotation, { headers: { etag: etagOf(annotation.version), "cache-control": "private, no-store" } });
}

/** GET /api/annotations/<id>: one annotation, with its version as ETag. */
export async function GET(request: Request, context: Context) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    const { id } = await context.params;
    return answer(await getAnnotation(viewer, id));
  });
}

/** PATCH /api/annotations/<id>: changes it (If-Match honoured); `{deleted:false}` restores, `{hidden}` is for admins. */
export async function PATCH(request: Request, context: Context) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const { id } = await context.params;
    const patch = await parseBody(request, patchAnnotationSchema);
    return answer(await updateAnnotation(viewer, id, patch, parseIfMatch(request)));
  });
}

/** DELETE /api/annotations/<id>: soft-deletes it (If-Match honoured); 200 with the deleted annotation. */
export async function DELETE(request: Request, context: Context) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    assertJsonOrNoBody(request);
    const { id } = await context.params;
    return answer(await deleteAnnotation(viewer, id, parseIfMatch(request)));
  });
}

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
