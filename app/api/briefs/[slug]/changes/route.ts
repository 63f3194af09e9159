import { requireViewer } from "@/lib/auth/session";
import { briefChangesQuery } from "@/lib/domain/annotation";
import { conditionalJson } from "@/lib/http/conditional";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle } from "@/lib/http/respond";
import { parseQuery } from "@/lib/http/validate";
import { changesSince } from "@/lib/services/annotation-stream";

/**
 * GET /api/briefs/<slug>/changes?since=<position>: the brief's annotation changes after a position
 * of its log (a list's `Annotation-Log-Position`, or the last change's `id`), as its event stream
 * would send them: `{ position, changes: [{ id, event, data }], more }`. For a reader that cannot
 * keep the stream open; an answer with nothing new is answered 304 to its `If-None-Match`.
 */
export async function GET(request: Request, context: RouteContext<"/api/briefs/[slug]/changes">) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    const { slug } = await context.params;
    const query = parseQuery(request, briefChangesQuery);
    const changes = await changesSince(viewer, { brief: slug, since: query.since });
    return conditionalJson(request, changes, { "cache-control": "private, no-cache" });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
