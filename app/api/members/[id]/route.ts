import { requireViewer } from "@/lib/auth/session";
import { memberRoleSchema } from "@/lib/domain/member";
import { handle, json } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { parseBody } from "@/lib/http/validate";
import { changeRole } from "@/lib/services/members";

/** PATCH /api/members/<id> `{ role: "member" | "editor" }`: an admin grants or takes back the editor role. */
export async function PATCH(request: Request, context: RouteContext<"/api/members/[id]">) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireViewer(request);
    const input = await parseBody(request, memberRoleSchema);
    return json(await changeRole(viewer, (await context.params).id, input), { headers: { "cache-control": "private, no-store" } });
  });
}

export const { GET, POST, PUT, DELETE } = otherMethods("PATCH");
