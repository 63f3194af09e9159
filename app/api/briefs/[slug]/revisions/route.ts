import { handle, json } from "@/lib/http/respond";
import { getBriefRevisions } from "@/lib/services/briefs";
import { otherMethods } from "@/lib/http/method-not-allowed";

/** GET /api/briefs/<slug>/revisions: each source text the brief has had, newest first. */
export async function GET(_request: Request, context: RouteContext<"/api/briefs/[slug]/revisions">) {
  return handle(async () => {
    const { slug } = await context.params;
    return json(await getBriefRevisions(slug));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
