/**
 * Which passwords an account may have: at least `MIN_PASSWORD_CHARS` characters, and not one of
 * the 49,000 most common passwords of leaked-password lists (the list zxcvbn-ts maintains,
 * `@zxcvbn-ts/language-common`; compared without case, as those lists are), nor the account's
 * own email address. Answers carry a code the UI turns into a message in the reader's language.
 */
import "server-only";
import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from "@/lib/domain/account";

export type PasswordProblem = { code: "PASSWORD_TOO_SHORT" | "PASSWORD_TOO_LONG" | "PASSWORD_TOO_COMMON"; message: string };

let common: Promise<Set<string>> | undefined;

/**
 * Loaded on first use, not with this module: the package is 400 kB of code that decompresses its
 * lists as it loads, and every route that reads a session imports the auth configuration that
 * imports this file; only a new password needs the list.
 */
function commonPasswords(): Promise<Set<string>> {
  common ??= import("@zxcvbn-ts/language-common").then(({ dictionary }) => new Set((dictionary["passwords-common"] as string[]).map((password) => password.toLowerCase())));
  return common;
}

/** What is wrong with a new password, or null when it may be used. Counts code points. */
export async function passwordProblem(password: string, context: { email?: string } = {}): Promise<PasswordProblem | null> {
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD_CHARS) return { code: "PASSWORD_TOO_SHORT", message: `A password needs at least ${MIN_PASSWORD_CHARS} characters` };
  if (length > MAX_PASSWORD_CHARS) return { code: "PASSWORD_TOO_LONG", message: `A password may have at most ${MAX_PASSWORD_CHARS} characters` };
  const folded = password.trim().toLowerCase();
  if ((await commonPasswords()).has(folded) || (context.email && folded === context.email.trim().toLowerCase())) {
    return { code: "PASSWORD_TOO_COMMON", message: "This password is one of the most common ones (or your email address): choose another" };
  }
  return null;
}
