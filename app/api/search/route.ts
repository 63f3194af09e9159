import { viewerOf } from "@/lib/auth/session";
import { searchQuerySchema } from "@/lib/domain/search";
import { handle, json } from "@/lib/http/respond";
import { parseQuery } from "@/lib/http/validate";
import { search } from "@/lib/services/search";
import { otherMethods } from "@/lib/http/method-not-allowed";

/**
 * GET /api/search?q=…[&brief=<slug>][&limit=…]: the brief's text, entities and records, and
 * (signed in) the notes the viewer may see, grouped. Anonymous readers get text and entities.
 */
export async function GET(request: Request) {
  return handle(async () => {
    const query = parseQuery(request, searchQuerySchema);
    const viewer = await viewerOf(request);
    const { results, timings } = await search(viewer, query);
    // Only the step that reads the briefs: the notes steps take longer the more notes there are,
    // others' private ones included, so their timing would tell a reader that someone else wrote.
    const serverTiming = `content;dur=${timings.content}`;
    // Answers depend on who asks and on notes that change at any time: never cached.
    return json(results, { headers: { "cache-control": "private, no-store", "server-timing": serverTiming, vary: "cookie" } });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
