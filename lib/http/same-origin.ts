/**
 * Refuses state-changing requests from other sites. Session cookies are SameSite=Lax, which
 * already keeps them off cross-site POSTs; this also covers sibling subdomains (same site,
 * other origin) and old browsers. Browsers send `Origin` on every non-GET fetch, so a request
 * that carries a cookie must name an origin whose host is the one it was sent to.
 */
import { bearerCredential } from "@/lib/domain/api-token";
import { AppError } from "@/lib/domain/errors";

/**
 * A request with a bearer token is authenticated by that token alone (lib/auth/session.ts never
 * falls back to its cookie), and no other site can make a browser send an Authorization header
 * without a CORS preflight that names it: so it needs no origin check.
 */
export function assertSameOrigin(request: Request): void {
  if (bearerCredential(request.headers.get("authorization")) !== null) return;
  if (!request.headers.has("cookie")) return;
  const claimed = request.headers.get("origin") ?? request.headers.get("referer");
  const host = request.headers.get("host") ?? new URL(request.url).host;
  let claimedHost: string | null = null;
  try {
    claimedHost = claimed && claimed !== "null" ? new URL(claimed).host : null;
  } catch {
    claimedHost = null;
  }
  if (claimedHost === null) throw new AppError("forbidden", "A signed-in change must say where it comes from (Origin header)", "origin");
  if (claimedHost.toLowerCase() !== host.toLowerCase()) throw new AppError("forbidden", "Cross-site requests are refused", "origin");
}
