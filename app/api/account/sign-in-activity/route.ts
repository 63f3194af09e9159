import { requireSessionEmail } from "@/lib/auth/session";
import { handle, json } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { signInActivity } from "@/lib/services/sign-in-protection";

/**
 * GET /api/account/sign-in-activity: for the signed-in owner only, the wrong passwords tried on
 * their account lately, the addresses stopped from trying and until when, and whether attempts
 * are being slowed (lib/services/sign-in-protection.ts).
 */
export async function GET(request: Request) {
  return handle(async () => {
    const email = await requireSessionEmail(request);
    return json(await signInActivity(email), { headers: { "cache-control": "private, no-store" } });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
