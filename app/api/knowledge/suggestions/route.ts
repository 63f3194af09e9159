import { requireEditor } from "@/lib/auth/session";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { listSuggestions } from "@/lib/services/suggestions";

/** GET /api/knowledge/suggestions: for editors, the library's frequent unlinked terms `[{ term, kind, count, briefs, example }]`. */
export async function GET(request: Request) {
  return handle(async () => {
    await requireEditor(request, "curate the knowledge base");
    return json(await listSuggestions(), { headers: { "cache-control": "private, no-store" } });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
