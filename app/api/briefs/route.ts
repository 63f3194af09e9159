import { handle, json } from "@/lib/http/respond";
import { listBriefs } from "@/lib/services/briefs";
import { otherMethods } from "@/lib/http/method-not-allowed";

/** GET /api/briefs: every brief with its title, byline and counts. */
export async function GET() {
  return handle(async () => json(await listBriefs()));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
