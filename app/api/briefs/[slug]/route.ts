import { handle, json } from "@/lib/http/respond";
import { getBriefView } from "@/lib/services/briefs";
import { otherMethods } from "@/lib/http/method-not-allowed";

/** GET /api/briefs/<slug>: the brief's document model (sections, claims, points, ids). */
export async function GET(_request: Request, context: RouteContext<"/api/briefs/[slug]">) {
  return handle(async () => {
    const { slug } = await context.params;
    return json(await getBriefView(slug));
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
