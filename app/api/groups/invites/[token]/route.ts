import { requireViewer } from "@/lib/auth/session";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody } from "@/lib/http/validate";
import { inviteTarget, joinByInvite } from "@/lib/services/groups";
import { otherMethods } from "@/lib/http/method-not-allowed";

const NO_STORE = { "cache-control": "private, no-store" };

/** GET /api/groups/invites/<token> (signed in): the group the link leads to; 404 unknown, 410 expired. */
export async function GET(request: Request, context: RouteContext<"/api/groups/invites/[token]">) {
  return handle(async () => {
    await requireViewer(request);
    const { token } = await context.params;
    return json(await inviteTarget(token), { headers: NO_STORE });
  });
}

/** POST /api/groups/invites/<token>: joins the group; 201 with it when joined, 200 when a member already. */
export async function POST(request: Request, context: RouteContext<"/api/groups/invites/[token]">) {
  return handle(async () => {
    assertSameOrigin(request);
    assertJsonOrNoBody(request);
    const viewer = await requireViewer(request);
    const { token } = await context.params;
    const { group, joined } = await joinByInvite(viewer, token);
    return json(group, { status: joined ? 201 : 200, headers: NO_STORE });
  });
}

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
