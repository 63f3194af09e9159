import { handle, json } from "@/lib/http/respond";
import { getAgreement } from "@/lib/services/agreements";
import { otherMethods } from "@/lib/http/method-not-allowed";

/** GET /api/agreements/<id>: one record with its events, sources and discrepancies. */
export async function GET(_request: Request, context: RouteContext<"/api/agreements/[id]">) {
  return handle(async () => json(await getAgreement((await context.params).id)));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
