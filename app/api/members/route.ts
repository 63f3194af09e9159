import { requireViewer } from "@/lib/auth/session";
import { handle, json } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listMembers } from "@/lib/services/members";

/** GET /api/members: every account with its role (admins only). */
export async function GET(request: Request) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    return json(await listMembers(viewer), { headers: { "cache-control": "private, no-store" } });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
