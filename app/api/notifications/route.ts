import { z } from "zod";
import { requireViewer } from "@/lib/auth/session";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { parseQuery } from "@/lib/http/validate";
import { getInbox, getUnreadCount } from "@/lib/services/notifications";

const NO_STORE = { "cache-control": "private, no-store" };
const querySchema = z.strictObject({ count: z.literal("1").optional() });

/** GET /api/notifications: the viewer's inbox (newest 50 and the unread count); `?count=1`: the count only. */
export async function GET(request: Request) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    const query = parseQuery(request, querySchema);
    if (query.count) return json({ unread: await getUnreadCount(viewer) }, { headers: NO_STORE });
    return json(await getInbox(viewer), { headers: NO_STORE });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
