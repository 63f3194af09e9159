import { requireViewer } from "@/lib/auth/session";
import { notificationSettingSchema } from "@/lib/domain/notification";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { parseBody } from "@/lib/http/validate";
import { getNotificationSetting, setNotificationSetting } from "@/lib/services/notifications";

const NO_STORE = { "cache-control": "private, no-store" };

/** GET /api/notifications/settings: `{ mail: off | immediate | digest, mailAvailable }`. */
export async function GET(request: Request) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    return json(await getNotificationSetting(viewer), { headers: NO_STORE });
  });
}

/** PUT /api/notifications/settings `{ mail }`: how notifications come by mail (with SMTP_URL). */
export async function PUT(request: Request) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const input = await parseBody(request, notificationSettingSchema);
    return json(await setNotificationSetting(viewer, input.mail), { headers: NO_STORE });
  });
}

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
