"use client";

/**
 * The session, from better-auth's own React client: one shared store for every component (one
 * request per page, not one per component), kept fresh when the tab regains focus, and the
 * sign-in, sign-up and sign-out calls that update it.
 */
import { useMemo } from "react";
import { createAuthClient } from "better-auth/react";
import { inferAdditionalFields } from "better-auth/client/plugins";
import { type ApiError, apiErrorFrom } from "@/lib/http/client";

/** The app's auth client; `role` is the one field the server adds to a user (lib/auth/auth.ts). */
export const authClient = createAuthClient({
  plugins: [inferAdditionalFields({ user: { role: { type: "string", required: false } } })],
});

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role?: string;
}

/** The signed-in user (null when signed out; undefined while the session is being asked for). */
export function useSession(): SessionUser | null | undefined {
  const { data, isPending } = authClient.useSession();
  const user = data?.user as SessionUser | undefined;
  // The same object while the same person is signed in, so effects that depend on it run once.
  return useMemo(
    () => (user ? { id: user.id, name: user.name, email: user.email, role: user.role ?? undefined } : isPending ? undefined : null),
    [user?.id, user?.name, user?.email, user?.role, isPending], // eslint-disable-line react-hooks/exhaustive-deps -- the fields, not the store's object
  );
}

/** better-auth's client answers `{ data, error }`; its error as the app's one error type. */
export function authError(error: { status: number; code?: string; message?: string } | null | undefined): ApiError | null {
  if (!error) return null;
  return apiErrorFrom(error.status, { code: error.code, message: error.message });
}
