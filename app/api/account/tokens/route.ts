import { requireSessionViewer } from "@/lib/auth/session";
import { createApiTokenSchema } from "@/lib/domain/api-token";
import { handle, json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { parseBody } from "@/lib/http/validate";
import { createApiToken, listApiTokens } from "@/lib/services/api-tokens";
import { otherMethods } from "@/lib/http/method-not-allowed";

const NO_STORE = { "cache-control": "private, no-store" };

/** GET /api/account/tokens: the signed-in user's tokens (never their secrets). */
export async function GET(request: Request) {
  return handle(async () => {
    const viewer = await requireSessionViewer(request);
    return json(await listApiTokens(viewer), { headers: NO_STORE });
  });
}

/** POST /api/account/tokens `{name, expiresInDays?}`: 201 `{token, secret}`; the secret is never shown again. */
export async function POST(request: Request) {
  return handle(async () => {
    assertSameOrigin(request);
    const viewer = await requireSessionViewer(request);
    const input = await parseBody(request, createApiTokenSchema);
    const created = await createApiToken(viewer, input);
    return json(created, { status: 201, headers: { ...NO_STORE, location: `/api/account/tokens/${created.token.id}` } });
  });
}

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
