import { z } from "zod";
import { requireViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/domain/errors";
import { publicOrigin } from "@/lib/http/origin";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { parseJsonText, parseQuery, readCapped } from "@/lib/http/validate";
import { importAnnotations } from "@/lib/services/import";
import { otherMethods } from "@/lib/http/method-not-allowed";

const query = z.object({ visibility: z.enum(["private", "keep"]).default("private") }).strict();

/** An import is larger than one note: a whole export of a busy reader fits. */
const MAX_IMPORT_BYTES = 10_000_000;

/**
 * POST /api/import/annotations[?visibility=keep]: W3C annotations (JSON-LD: a collection, a page,
 * an array or one annotation) become the viewer's, re-anchored; answers the import report.
 */
export async function POST(request: Request) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const { visibility } = parseQuery(request, query);
    const type = request.headers.get("content-type") ?? "";
    if (!/^application\/(ld\+)?json\s*(;|$)/i.test(type)) {
      throw new AppError("unsupported_media_type", "Send the annotations as application/ld+json (or application/json)", "content-type");
    }
    const document = parseJsonText(await readCapped(request, MAX_IMPORT_BYTES));
    const report = await importAnnotations(viewer, document, { origin: publicOrigin(request), visibility });
    return json(report, { headers: { "cache-control": "private, no-store" } });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
