import { toNextJsHandler } from "better-auth/next-js";
import { authFor, isUnknownHostError } from "@/lib/auth/auth";
import { AppError } from "@/lib/domain/errors";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { errorResponse, withRetryAfter } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody } from "@/lib/http/validate";

/**
 * /api/auth/*: better-auth's endpoints — POST sign-up/email {name,email,password},
 * POST sign-in/email {email,password}, POST sign-out, GET get-session, and the rest.
 *
 * Every write passes the app's own cross-site checks first, as every other write of the API does:
 * better-auth checks the origin too, but lets through a request marked `Sec-Fetch-Site:
 * cross-site` that names an allowed origin, and it reads form posts (`application/x-www-form-urlencoded`),
 * which a page on another site can send without asking.
 */
export const { GET, POST } = toNextJsHandler(async (request: Request) => {
  try {
    if (request.method !== "GET" && request.method !== "HEAD") {
      assertSameOrigin(request);
      assertJsonOrNoBody(request);
    }
    return asJsonError(request, withRetryAfter(await authFor(request.headers, request.url).handler(request)));
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    if (!isUnknownHostError(error)) throw error;
    const host = request.headers.get("host") ?? "";
    return errorResponse(new AppError("forbidden", `Accounts are not served on ${host}: add it to AUTH_ALLOWED_HOSTS`, "host"));
  }
});

/**
 * better-auth answers an unknown path, or a known one asked with the wrong method, with an empty
 * 404; clients of this API get a JSON error there as everywhere else.
 */
function asJsonError(request: Request, response: Response): Response {
  if (response.status < 400 || /json/i.test(response.headers.get("content-type") ?? "")) return response;
  const path = new URL(request.url).pathname;
  const code = { 401: "unauthorized", 403: "forbidden", 404: "not_found", 429: "rate_limited" }[response.status] ?? "invalid_input";
  const message = response.status === 404 ? `No account endpoint answers ${request.method} ${path}` : `${request.method} ${path} was refused (${response.status})`;
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify({ error: { code, message, ...(response.status === 404 ? { field: "path" } : {}) } }), { status: response.status, headers });
}

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
