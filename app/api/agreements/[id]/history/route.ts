import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { knowledgeHistory } from "@/lib/services/knowledge-editing";

/** GET /api/agreements/<id>/history: every change to the record's events (who, when, before, after), newest first. */
export async function GET(_request: Request, context: RouteContext<"/api/agreements/[id]/history">) {
  return handle(async () => json(await knowledgeHistory("agreement", (await context.params).id), { headers: { "cache-control": "no-store" } }));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
