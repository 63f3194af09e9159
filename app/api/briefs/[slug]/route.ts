import { bibtex, citableBrief, cslJson } from "@/lib/export/citation";
import { requestOrigin } from "@/lib/http/download";
import { handle, json } from "@/lib/http/respond";
import { AppError } from "@/lib/domain/errors";
import { getBriefView, getReaderBrief } from "@/lib/services/briefs";
import { otherMethods } from "@/lib/http/method-not-allowed";

/**
 * GET /api/briefs/<slug>: the brief's document model (sections, claims, points, ids);
 * `?format=csl-json` or `?format=bibtex`: its citation, for reference managers.
 */
export async function GET(request: Request, context: RouteContext<"/api/briefs/[slug]">) {
  return handle(async () => {
    const { slug } = await context.params;
    const format = new URL(request.url).searchParams.get("format");
    if (format === null) return json(await getBriefView(slug));
    if (format !== "csl-json" && format !== "bibtex") throw new AppError("invalid_input", "expected csl-json or bibtex", "format");
    const { view, metadata } = await getReaderBrief(slug);
    const citable = citableBrief(view, metadata, `${requestOrigin(request)}/briefs/${encodeURIComponent(view.slug)}`);
    if (format === "bibtex") return new Response(bibtex(citable), { headers: { "content-type": "application/x-bibtex; charset=utf-8" } });
    return json(cslJson(citable), { headers: { "content-type": "application/vnd.citationstyles.csl+json; charset=utf-8" } });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
