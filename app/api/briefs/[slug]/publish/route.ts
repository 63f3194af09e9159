import { assertEditor, requireViewer } from "@/lib/auth/session";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody } from "@/lib/http/validate";
import { publishBrief } from "@/lib/services/uploads";

/** POST /api/briefs/<slug>/publish: an editor makes the brief's draft (or drafted new version) what readers see. */
export async function POST(request: Request, context: RouteContext<"/api/briefs/[slug]/publish">) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    assertJsonOrNoBody(request);
    assertEditor(viewer);
    return json(await publishBrief(viewer, (await context.params).slug), { headers: { "cache-control": "private, no-store" } });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
