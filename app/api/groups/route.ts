import { requireViewer } from "@/lib/auth/session";
import { createGroupSchema } from "@/lib/domain/group";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { parseBody } from "@/lib/http/validate";
import { createGroup, listMyGroups } from "@/lib/services/groups";
import { otherMethods } from "@/lib/http/method-not-allowed";

const NO_STORE = { "cache-control": "private, no-store" };

/** GET /api/groups: the groups the viewer is a member of (owned ones too). */
export async function GET(request: Request) {
  return handle(async () => {
    const viewer = await requireViewer(request);
    return json(await listMyGroups(viewer), { headers: NO_STORE });
  });
}

/** POST /api/groups `{ name, description? }`: 201 with the group, owned by the viewer. */
export async function POST(request: Request) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const input = await parseBody(request, createGroupSchema);
    const group = await createGroup(viewer, input);
    return json(group, { status: 201, headers: { ...NO_STORE, location: `/api/groups/${group.id}` } });
  });
}

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
