/**
 * Who is asking: the one place that decides a request's viewer. A personal API token
 * (`Authorization: Bearer brt_…`) when the request carries one, else the session cookie.
 */
import "server-only";
import { getHostFromSource, matchesHostPattern } from "better-auth";
import { parseCookies } from "better-auth/cookies";
import { db } from "@/lib/database/prisma";
import { findSessionViewer } from "@/lib/db/users";
import { isEditor, type Viewer, roleOf } from "@/lib/domain/account";
import { bearerCredential } from "@/lib/domain/api-token";
import { AppError } from "@/lib/domain/errors";
import { viewerForToken } from "@/lib/services/api-tokens";
import { allowedHosts, authFor, isUnknownHostError } from "./auth";
import { verifiedValue } from "./signed-cookie";

/**
 * The viewer of a request, or null when it carries no credentials. A bearer token that is
 * unknown, revoked or expired is refused (401) rather than ignored: a script that sends one
 * must learn it no longer works, not silently act as whoever the cookie says.
 */
export async function viewerOf(request: Request): Promise<Viewer | null> {
  const bearer = bearerCredential(request.headers.get("authorization"));
  if (bearer !== null) {
    const viewer = await viewerForToken(bearer);
    if (!viewer) throw new AppError("unauthorized", "The API token is unknown, revoked or expired", "authorization");
    return viewer;
  }
  if (!request.headers.get("cookie")) return null;
  try {
    const decided = await cookieViewer(request);
    if (decided !== undefined) return decided;
    const session = await authFor(request.headers, request.url).api.getSession({ headers: request.headers });
    if (!session) return null;
    const user = session.user as { id: string; name: string; role?: unknown };
    return { id: user.id, name: user.name, role: roleOf(user.role), credential: "session" };
  } catch (error) {
    // A host outside the allowed list cannot hold a session of ours: treat it as signed out.
    if (isUnknownHostError(error)) return null;
    throw error;
  }
}

/**
 * The session cookie's viewer, decided as better-auth's getSession decides it (the request's host
 * among the allowed ones, the cookie by its name, its HMAC under the auth secret, the session row
 * and its expiry), in one query and without its endpoint machinery: every signed-in API request
 * asks this, and through better-auth it cost as much as a note's insert (bench/README.md, Notes
 * API). What better-auth would do more than read is left to it: an expired session (it deletes
 * it) and one due for its sliding refresh (it extends it). `undefined`: ask better-auth.
 */
async function cookieViewer(request: Request): Promise<Viewer | null | undefined> {
  const context = await authFor(request.headers, request.url).$context;
  const host = getHostFromSource(request.headers);
  if (!host || !allowedHosts().some((pattern) => matchesHostPattern(host, pattern))) return null;
  const cookies = parseCookies(request.headers.get("cookie") ?? "");
  const signed = cookies.get(context.authCookies.sessionToken.name);
  const token = signed ? verifiedValue(signed, context.secret) : null;
  if (!token) return null;
  const row = await findSessionViewer(db(), token);
  const now = Date.now();
  if (!row || row.expiresAt.getTime() < now) return undefined;
  const dontRemember = cookies.get(context.authCookies.dontRememberToken.name);
  const remembered = !(dontRemember && verifiedValue(dontRemember, context.secret));
  const { expiresIn, updateAge } = context.sessionConfig;
  const refreshDue = remembered && row.expiresAt.getTime() - expiresIn * 1000 + updateAge * 1000 <= now;
  if (refreshDue) return undefined;
  return { id: row.user.id, name: row.user.name, role: roleOf(row.user.role), credential: "session" };
}

/** The viewer of a request; 401 when nobody is signed in. */
export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await viewerOf(request);
  if (!viewer) throw new AppError("unauthorized", "Sign in (or send a personal API token) to see and write annotations");
  return viewer;
}

/** The viewer of a signed-in browser session; a token cannot stand in (it cannot mint tokens). */
export async function requireSessionViewer(request: Request): Promise<Viewer> {
  const viewer = await viewerOf(request);
  if (!viewer) throw new AppError("unauthorized", "Sign in to manage API tokens");
  if (viewer.credential !== "session") throw new AppError("forbidden", "API tokens are managed from a signed-in browser session, not with a token", "authorization");
  return viewer;
}

/** 403 unless the viewer is an editor (or admin). */
export function assertEditor(viewer: Viewer, what = "add or change briefs"): Viewer {
  if (!isEditor(viewer)) throw new AppError("forbidden", `Only editors can ${what}`);
  return viewer;
}

/** The viewer of a request who is an editor (or admin): 401 signed out, 403 for a member. */
export async function requireEditor(request: Request, what = "add or change briefs"): Promise<Viewer> {
  const viewer = await viewerOf(request);
  if (!viewer) throw new AppError("unauthorized", `Sign in as an editor to ${what}`);
  return assertEditor(viewer, what);
}

/** The email of the signed-in browser session's account (for what only its owner may see); 401 without one. */
export async function requireSessionEmail(request: Request): Promise<string> {
  await requireSessionViewer(request);
  const session = await authFor(request.headers, request.url).api.getSession({ headers: request.headers });
  if (!session) throw new AppError("unauthorized", "Sign in to see your account's sign-in activity");
  return session.user.email;
}
