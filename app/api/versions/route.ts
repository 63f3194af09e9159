import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle } from "@/lib/http/respond";
import { contentVersions } from "@/lib/services/versions";

/**
 * GET /api/versions: `{ library, knowledge }`, the versions of the briefs and of the knowledge
 * base, for open pages to ask every few seconds; with its ETag in If-None-Match, 304 while unchanged.
 */
export async function GET(request: Request) {
  return handle(async () => {
    const versions = await contentVersions();
    const etag = `"${versions.library}.${versions.knowledge}"`;
    const headers = { etag, "cache-control": "no-cache" };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return Response.json(versions, { headers });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
