import { toNextJsHandler } from "better-auth/next-js";
import { authFor, isUnknownHostError } from "@/lib/auth/auth";
import { AppError } from "@/lib/domain/errors";
import { errorResponse } from "@/lib/http/respond";

/**
 * /api/auth/*: better-auth's endpoints — POST sign-up/email {name,email,password},
 * POST sign-in/email {email,password}, POST sign-out, GET get-session, and the rest.
 */
export const { GET, POST } = toNextJsHandler(async (request: Request) => {
  try {
    return await authFor(request.headers, request.url).handler(request);
  } catch (error) {
    if (!isUnknownHostError(error)) throw error;
    const host = request.headers.get("host") ?? "";
    return errorResponse(new AppError("forbidden", `Accounts are not served on ${host}: add it to AUTH_ALLOWED_HOSTS`, "host"));
  }
});
