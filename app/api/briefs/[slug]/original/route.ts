import { viewerOf } from "@/lib/auth/session";
import { attachment } from "@/lib/http/download";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle } from "@/lib/http/respond";
import { getOriginalFile } from "@/lib/services/briefs";

/** GET /api/briefs/<slug>/original: the file the current text was made from (PDF, DOCX…), as uploaded. */
export async function GET(request: Request, context: RouteContext<"/api/briefs/[slug]/original">) {
  return handle(async () => {
    const viewer = await viewerOf(request);
    const file = await getOriginalFile((await context.params).slug, viewer);
    return new Response(Buffer.from(file.content), { headers: { "content-type": file.mediaType, "content-disposition": attachment(file.name), "cache-control": "private, max-age=0, must-revalidate" } });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
