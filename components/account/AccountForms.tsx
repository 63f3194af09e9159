"use client";

import { usePathname } from "next/navigation";
import { useId, useState } from "react";
import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from "@/lib/domain/account";
import type { ApiError } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { authClient, authError, useSession } from "./session";

type Labels = Messages["account"];
type SecurityLabels = Messages["security"];

/** A refused account request in the reader's language: the account rules' own words where the code is theirs. */
export function refusalText(problem: ApiError, labels: SecurityLabels, locale: Locale, retryAfterSeconds = 60): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const known: Record<string, string> = {
    PASSWORD_TOO_SHORT: labels.passwordTooShort,
    PASSWORD_TOO_LONG: labels.passwordTooLong,
    PASSWORD_TOO_COMMON: labels.passwordTooCommon,
    SIGN_IN_LOCKED: labels.signInLocked.replace("{minutes}", String(minutes)),
  };
  if (known[problem.code]) return known[problem.code];
  if (problem.field === "name") return labels.nameRefused;
  return errorText(locale, problem);
}

/** Signed in: who, and the way out (and back to where the reader came from). Signed out: the forms. */
export function AccountForms({ labels, security, next, locale }: { labels: Labels; security: SecurityLabels; next: string; locale: Locale }) {
  const user = useSession();
  if (user === undefined) return null;
  if (user) {
    return (
      <section className="account-summary" aria-labelledby="account-summary-title">
        <h2 id="account-summary-title">{labels.signedInTitle}</h2>
        <dl>
          <div>
            <dt>{labels.name}</dt>
            <dd>
              <bdi>{user.name}</bdi>
            </dd>
          </div>
          <div>
            <dt>{labels.email}</dt>
            <dd>{user.email}</dd>
          </div>
        </dl>
        <p className="account-actions">
          {next !== "/" && <a href={next}>{labels.continueTo}</a>} <SignOutButton label={labels.signOut} />
        </p>
      </section>
    );
  }
  return <SignInForms labels={labels} security={security} next={next} locale={locale} />;
}

/**
 * Sign in or sign up with email and password (better-auth's client). Sign-up never signs in (its
 * answer must not tell whether the address had an account), so the form signs in next; where the
 * address must first be confirmed by mail, it says so.
 */
function SignInForms({ labels, security, next, locale }: { labels: Labels; security: SecurityLabels; next: string; locale: Locale }) {
  const id = useId();
  const [mode, setMode] = useState<"sign-in" | "sign-up">("sign-in");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (form: HTMLFormElement) => {
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      if (mode === "sign-up") {
        const { error: refused } = await authClient.signUp.email({ name: data.name, email: data.email, password: data.password });
        const problem = authError(refused);
        if (problem) return setError(refusalText(problem, security, locale) || labels.failed);
      }
      const { error: refused } = await authClient.signIn.email({ email: data.email, password: data.password });
      const problem = authError(refused);
      if (problem) {
        if (mode === "sign-up") return setNotice(security.signUpDone);
        return setError(refusalText(problem, security, locale) || labels.failed);
      }
      // A full load, so every client component starts from the new session.
      window.location.assign(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="account-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(event.currentTarget);
      }}
    >
      <h2>{mode === "sign-in" ? labels.signIn : labels.signUp}</h2>
      {mode === "sign-up" && (
        <>
          <label htmlFor={`${id}-name`}>{labels.name}</label>
          <input id={`${id}-name`} name="name" required autoComplete="name" />
        </>
      )}
      <label htmlFor={`${id}-email`}>{labels.email}</label>
      <input id={`${id}-email`} name="email" type="email" required autoComplete="email" />
      <label htmlFor={`${id}-password`}>{labels.password}</label>
      <input
        id={`${id}-password`}
        name="password"
        type="password"
        required
        minLength={mode === "sign-up" ? MIN_PASSWORD_CHARS : undefined}
        maxLength={MAX_PASSWORD_CHARS}
        autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
      />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      <button type="submit" disabled={busy}>
        {mode === "sign-in" ? labels.submitSignIn : labels.submitSignUp}
      </button>
      <button type="button" className="link-button" onClick={() => setMode(mode === "sign-in" ? "sign-up" : "sign-in")}>
        {mode === "sign-in" ? labels.switchToSignUp : labels.switchToSignIn}
      </button>
    </form>
  );
}

/** Signs out and reloads the page's data. */
export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      className="link-button"
      onClick={async () => {
        await authClient.signOut();
        // A full reload: every client component re-reads the (now absent) session.
        window.location.reload();
      }}
    >
      {label}
    </button>
  );
}

/** The header's account corner: the signed-in name and sign-out, or a sign-in link that comes back here. */
export function AccountLink({ labels }: { labels: Pick<Labels, "signIn" | "signOut" | "signedInAs"> }) {
  const user = useSession();
  const pathname = usePathname();
  if (user === undefined) return null;
  if (!user) {
    const here = pathname.startsWith("/account") ? "" : `?next=${encodeURIComponent(pathname)}`;
    return (
      <a
        href={`/account${here}`}
        onClick={(event) => {
          // The query and fragment too (a panel, a sentence), known only at the click.
          if (here) event.currentTarget.href = `/account?next=${encodeURIComponent(`${window.location.pathname}${window.location.search}${window.location.hash}`)}`;
        }}
      >
        {labels.signIn}
      </a>
    );
  }
  return (
    <span className="account-link">
      <span className="sr-only">{labels.signedInAs}</span>{" "}
      <a href="/account" className="account-name">
        <bdi>{user.name}</bdi>
      </a>{" "}
      <SignOutButton label={labels.signOut} />
    </span>
  );
}
