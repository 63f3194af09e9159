import { z } from "zod";
import { requireViewer } from "@/lib/auth/session";
import { briefSlugSchema } from "@/lib/domain/brief";
import { ANNO_MEDIA_TYPE } from "@/lib/w3c/web-annotation";
import { attachment } from "@/lib/http/download";
import { publicOrigin } from "@/lib/http/origin";
import { handle } from "@/lib/http/respond";
import { parseQuery } from "@/lib/http/validate";
import { exportAnnotations } from "@/lib/services/export";
import { otherMethods } from "@/lib/http/method-not-allowed";

const query = z.object({ scope: z.enum(["own", "visible"]).default("own"), brief: briefSlugSchema.optional() }).strict();

/**
 * GET /api/export/annotations.jsonld[?scope=visible][&brief=<slug>]: the viewer's annotations as
 * one W3C AnnotationCollection (JSON-LD), as a download.
 */
export async function GET(request: Request) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    const { scope, brief } = parseQuery(request, query);
    const file = await exportAnnotations(viewer, { origin: publicOrigin(request), scope, brief });
    return new Response(`${JSON.stringify(file.content, null, 2)}\n`, {
      headers: { "content-type": ANNO_MEDIA_TYPE, "content-disposition": attachment(file.filename), "cache-control": "private, no-store" },
    });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
