/**
 * Refuses state-changing requests from other sites (CSRF). Session cookies are SameSite=Lax,
 * which already keeps them off cross-site POSTs; this also covers sibling subdomains (same site,
 * other origin), old browsers, and login CSRF. Every mutating route calls it first.
 *
 * - A browser that says the request is cross-site or same-site (`Sec-Fetch-Site`) is refused.
 * - An `Origin` (or, without one, a `Referer`) must name the host the request was sent to — its
 *   `Host`, or the `X-Forwarded-Host` a proxy in front set. (A page on another site cannot set
 *   that header: it is not CORS-safelisted, and this app never answers a preflight.)
 * - A request carrying a cookie must name an origin at all: browsers send `Origin` on every
 *   fetch that is not a GET, so only a non-browser client omits it, and it has no cookie of ours.
 */
import { bearerCredential } from "@/lib/domain/api-token";
import { AppError } from "@/lib/domain/errors";

function hostOf(url: string | null): string | null {
  if (!url || url === "null") return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * A request with a bearer token is authenticated by that token alone (lib/auth/session.ts never
 * falls back to its cookie), and no other site can make a browser send an Authorization header
 * without a CORS preflight that names it: so it needs no origin check.
 */
export function assertSameOrigin(request: Request): void {
  if (bearerCredential(request.headers.get("authorization")) !== null) return;
  const site = request.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site === "cross-site" || site === "same-site") throw new AppError("forbidden", "Cross-site requests are refused", "origin");
  const claimed = request.headers.get("origin") ?? request.headers.get("referer");
  const claimedHost = hostOf(claimed);
  if (claimedHost === null) {
    if (request.headers.has("cookie")) throw new AppError("forbidden", "A signed-in change must say where it comes from (Origin header)", "origin");
    return;
  }
  const hosts = [request.headers.get("host") ?? new URL(request.url).host, request.headers.get("x-forwarded-host")?.split(",")[0]];
  if (!hosts.some((host) => host?.trim().toLowerCase() === claimedHost)) throw new AppError("forbidden", "Cross-site requests are refused", "origin");
}
