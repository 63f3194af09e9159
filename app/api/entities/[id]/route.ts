import { handle, json } from "@/lib/http/respond";
import { getEntityWithMentions } from "@/lib/services/entities";
import { otherMethods } from "@/lib/http/method-not-allowed";

/** GET /api/entities/<id>: the entity and every block that mentions it, by brief and section. */
export async function GET(_request: Request, context: RouteContext<"/api/entities/[id]">) {
  return handle(async () => json(await getEntityWithMentions((await context.params).id)));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
