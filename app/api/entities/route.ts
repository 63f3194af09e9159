import { handle, json } from "@/lib/http/respond";
import { listEntities } from "@/lib/services/agreements";

/** GET /api/entities: every entity (countries, agreement kinds and records, frameworks, concepts …). */
export async function GET() {
  return handle(async () => json(await listEntities()));
}
