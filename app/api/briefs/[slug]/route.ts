import { assertEditor, requireViewer, viewerOf } from "@/lib/auth/session";
import { briefFormatQuery, briefPatchSchema } from "@/lib/domain/library";
import { bibtex, citableBrief, cslJson } from "@/lib/export/citation";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { publicOrigin } from "@/lib/http/origin";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody, parseBody, parseQuery } from "@/lib/http/validate";
import { getBriefView, getReaderBrief } from "@/lib/services/briefs";
import { updateBriefMetadata } from "@/lib/services/uploads";

/**
 * GET /api/briefs/<slug>: the brief's document model (sections, claims, points, ids); drafts for
 * editors. `?format=csl-json` or `?format=bibtex`: its citation, for reference managers.
 */
export async function GET(request: Request, context: RouteContext<"/api/briefs/[slug]">) {
  return handle(async () => {
    const viewer = await viewerOf(request);
    const { slug } = await context.params;
    const { format } = parseQuery(request, briefFormatQuery);
    if (format === undefined) return json(await getBriefView(slug, viewer));
    const { view, metadata } = await getReaderBrief(slug, viewer);
    const citable = citableBrief(view, metadata, `${publicOrigin(request)}/briefs/${encodeURIComponent(view.slug)}`);
    if (format === "bibtex") return new Response(bibtex(citable), { headers: { "content-type": "application/x-bibtex; charset=utf-8" } });
    return json(cslJson(citable), { headers: { "content-type": "application/vnd.citationstyles.csl+json; charset=utf-8" } });
  });
}

/** PATCH /api/briefs/<slug>: an editor changes the brief's metadata (title, byline, institute, date, language, addresses). */
export async function PATCH(request: Request, context: RouteContext<"/api/briefs/[slug]">) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    // The media type before the role: a form post is refused alike whoever sends it.
    assertJsonOrNoBody(request);
    assertEditor(viewer);
    const patch = await parseBody(request, briefPatchSchema);
    return json(await updateBriefMetadata(viewer, (await context.params).slug, patch), { headers: { "cache-control": "private, no-store" } });
  });
}

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
