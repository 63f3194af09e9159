/** Who is asking: the signed-in reader behind a request's session cookie, if any. */
import "server-only";
import { type Viewer, roleOf } from "@/lib/domain/account";
import { AppError } from "@/lib/domain/errors";
import { authFor, isUnknownHostError } from "./auth";

/** The viewer of a request, or null when it carries no valid session. */
export async function viewerOf(request: Request): Promise<Viewer | null> {
  if (!request.headers.get("cookie")) return null;
  try {
    const session = await authFor(request.headers, request.url).api.getSession({ headers: request.headers });
    if (!session) return null;
    const user = session.user as { id: string; name: string; role?: unknown };
    return { id: user.id, name: user.name, role: roleOf(user.role) };
  } catch (error) {
    // A host outside the allowed list cannot hold a session of ours: treat it as signed out.
    if (isUnknownHostError(error)) return null;
    throw error;
  }
}

/** The viewer of a request; 401 when nobody is signed in. */
export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await viewerOf(request);
  if (!viewer) throw new AppError("unauthorized", "Sign in to see and write annotations");
  return viewer;
}
