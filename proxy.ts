/**
 * Every page rendered per request gets its own Content-Security-Policy nonce (lib/http/content-security-policy.ts).
 * Next reads the nonce from the request's policy header while it renders and puts it on its
 * scripts; the same policy goes out on the response. The other security headers, and the fixed
 * policy of the API and of static files, are set in next.config.js: they are the same for every
 * response, so they need no code per request.
 */
import { type NextRequest, NextResponse } from "next/server";
import { newNonce, pagePolicy, sharedPagePolicy } from "@/lib/http/content-security-policy";

/** Set by scripts/serve.mjs, only on its own renders for the shared response cache (a client's is removed). */
const SHARED_RENDER_HEADER = "x-brief-reader-shared-render";

export function proxy(request: NextRequest) {
  if (request.headers.get(SHARED_RENDER_HEADER) === "1" && process.env.NODE_ENV !== "development") {
    // Rendered once for every signed-out reader: no nonce (Next adds none to its scripts); the
    // cache puts the hashes of the page's inline scripts into this policy (scripts/response-cache.mjs).
    const headers = new Headers(request.headers);
    headers.delete("content-security-policy");
    headers.delete(SHARED_RENDER_HEADER);
    const response = NextResponse.next({ request: { headers } });
    response.headers.set("content-security-policy", sharedPagePolicy());
    return response;
  }
  const policy = pagePolicy(newNonce(), { dev: process.env.NODE_ENV === "development" });
  // Replaces any policy header the client sent: only ours may tell Next the nonce.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: not the API (`/api/…`) nor Next's files (`/_next/…`), which next.config.js covers.
  // `/api` itself is no route: its 404 page is a page.
  matcher: ["/((?!api/|_next/).*)"],
};
