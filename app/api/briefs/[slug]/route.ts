import { requireEditor, viewerOf } from "@/lib/auth/session";
import { briefPatchSchema } from "@/lib/domain/library";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { parseBody } from "@/lib/http/validate";
import { getBriefView } from "@/lib/services/briefs";
import { updateBriefMetadata } from "@/lib/services/uploads";

/** GET /api/briefs/<slug>: the brief's document model (sections, claims, points, ids); drafts for editors. */
export async function GET(request: Request, context: RouteContext<"/api/briefs/[slug]">) {
  return handle(async () => {
    const viewer = await viewerOf(request);
    const { slug } = await context.params;
    return json(await getBriefView(slug, viewer));
  });
}

/** PATCH /api/briefs/<slug>: an editor changes the brief's metadata (title, byline, institute, date, language, addresses). */
export async function PATCH(request: Request, context: RouteContext<"/api/briefs/[slug]">) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireEditor(request);
    const patch = await parseBody(request, briefPatchSchema);
    return json(await updateBriefMetadata(viewer, (await context.params).slug, patch), { headers: { "cache-control": "private, no-store" } });
  });
}

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
