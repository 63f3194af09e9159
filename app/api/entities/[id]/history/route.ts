import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { knowledgeHistory } from "@/lib/services/knowledge-editing";

/** GET /api/entities/<id>/history: every change to the entity (who, when, before, after), newest first. */
export async function GET(_request: Request, context: RouteContext<"/api/entities/[id]/history">) {
  return handle(async () => json(await knowledgeHistory("entity", (await context.params).id), { headers: { "cache-control": "no-store" } }));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
