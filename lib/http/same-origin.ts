/**
 * Refuses state-changing requests from other sites (CSRF). Session cookies are SameSite=Lax,
 * which already keeps them off cross-site POSTs; this also covers sibling subdomains (same site,
 * other origin), old browsers, and login CSRF. Every mutating route calls it first.
 *
 * - A browser that says the request is cross-site or same-site (`Sec-Fetch-Site`) is refused.
 * - An `Origin` (or, without one, a `Referer`) must name the origin the request was sent to:
 *   scheme, host and port (origin.ts; behind a proxy that TRUST_PROXY names, the scheme and host
 *   it forwarded), or the configured `PUBLIC_ORIGIN`. `Origin: https://host` on a request that
 *   came over http is refused, and so is a client's own `X-Forwarded-Host`, which
 *   scripts/serve.mjs drops.
 * - A request carrying a cookie must name an origin at all: browsers send `Origin` on every
 *   fetch that is not a GET, so only a non-browser client omits it, and it has no cookie of ours.
 */
import { bearerCredential } from "@/lib/domain/api-token";
import { AppError } from "@/lib/domain/errors";
import { configuredOrigin, publicOrigin } from "./origin";

/** The origin (scheme, host, port) a header names, or null when it names none. */
function originOf(url: string | null): string | null {
  if (!url || url === "null") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
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
  const claimedOrigin = originOf(claimed);
  if (claimedOrigin === null) {
    if (request.headers.has("cookie")) throw new AppError("forbidden", "A signed-in change must say where it comes from (Origin header)", "origin");
    return;
  }
  // The origin the request came to, and the configured public one (PUBLIC_ORIGIN: the address a
  // proxy in front serves the app at); a page of either is this app's own.
  if (claimedOrigin !== publicOrigin(request, null) && claimedOrigin !== configuredOrigin()) throw new AppError("forbidden", "Cross-site requests are refused", "origin");
}
