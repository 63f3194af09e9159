/** Accounts as the rest of the app sees them: who is asking, and with which role. No IO. */

/** member: reads and annotates. editor: also adds briefs and curates entities. admin: also grants roles and hides notes. */
export type Role = "member" | "editor" | "admin";

/** The signed-in reader making a request. */
export interface Viewer {
  id: string;
  name: string;
  role: Role;
  /** How the request proved who it is: the browser's session cookie or a personal API token. */
  credential?: "session" | "token";
}

/**
 * The role a new account gets. With `adminEmail` set (env ADMIN_EMAIL), the account with that
 * email is the admin; without it, the very first account is. Everyone else is a member. (When an
 * operator names the admin, a stranger who happens to sign up first must not become one.)
 * Emails compare case-insensitively, as better-auth stores them in lower case.
 */
export function roleForNewAccount(email: string, existingAccounts: number, adminEmail?: string): Role {
  const named = adminEmail?.trim().toLowerCase();
  if (named) return named === email.trim().toLowerCase() ? "admin" : "member";
  return existingAccounts === 0 ? "admin" : "member";
}

export function roleOf(value: unknown): Role {
  return value === "admin" || value === "editor" ? value : "member";
}

/** Editors add and publish briefs and curate the knowledge base; admins are editors too. */
export function isEditor(viewer: Pick<Viewer, "role"> | null | undefined): boolean {
  return viewer?.role === "editor" || viewer?.role === "admin";
}

/** The fewest characters a new password may have (lib/auth/password-policy.ts says the rest). */
export const MIN_PASSWORD_CHARS = 10;
export const MAX_PASSWORD_CHARS = 128;
/** The most characters a user's name may have. */
export const MAX_USER_NAME_CHARS = 100;
