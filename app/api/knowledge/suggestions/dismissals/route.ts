import { requireEditor } from "@/lib/auth/session";
import { dismissSuggestionSchema } from "@/lib/domain/knowledge";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonRequestHeaders, parseBody } from "@/lib/http/validate";
import { dismissSuggestion } from "@/lib/services/suggestions";

/** POST /api/knowledge/suggestions/dismissals `{ term }`: an editor dismisses a suggestion for good; 201. */
export async function POST(request: Request) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonRequestHeaders(request);
    const viewer = await requireEditor(request, "curate the knowledge base");
    const { term } = await parseBody(request, dismissSuggestionSchema);
    return json(await dismissSuggestion(viewer, term), { status: 201, headers: { "cache-control": "private, no-store" } });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
