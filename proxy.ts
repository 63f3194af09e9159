/**
 * Every page gets its own Content-Security-Policy nonce (lib/http/content-security-policy.ts).
 * Next reads the nonce from the request's policy header while it renders and puts it on its
 * scripts; the same policy goes out on the response. The other security headers, and the fixed
 * policy of the API and of static files, are set in next.config.js: they are the same for every
 * response, so they need no code per request.
 */
import { type NextRequest, NextResponse } from "next/server";
import { newNonce, pagePolicy } from "@/lib/http/content-security-policy";

export function proxy(request: NextRequest) {
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
