import { requireViewer } from "@/lib/auth/session";
import { markReadSchema } from "@/lib/domain/notification";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { parseBody } from "@/lib/http/validate";
import { markNotificationsRead } from "@/lib/services/notifications";

/** POST /api/notifications/read `{ ids? }`: marks those notifications (or every unread one) read. */
export async function POST(request: Request) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const input = await parseBody(request, markReadSchema);
    return json(await markNotificationsRead(viewer, input), { headers: { "cache-control": "private, no-store" } });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
