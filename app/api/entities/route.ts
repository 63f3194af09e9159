import { handle, json } from "@/lib/http/respond";
import { listEntities } from "@/lib/services/entities";
import { otherMethods } from "@/lib/http/method-not-allowed";

/** GET /api/entities: every entity (countries, agreement kinds and records, frameworks, concepts …). */
export async function GET() {
  return handle(async () => json(await listEntities()));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
