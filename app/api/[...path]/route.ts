import { errorResponse } from "@/lib/http/respond";
import { AppError } from "@/lib/domain/errors";

// Unknown API paths answer in JSON like every other API error, not with the HTML 404 page.
function notFound(request: Request) {
  return errorResponse(new AppError("not_found", `No API route at ${new URL(request.url).pathname}`, "path"));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
