"use client";

import { useId, useState } from "react";
import { useSession } from "@/components/annotations/use-annotations";
import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from "@/lib/domain/account";
import type { Messages } from "@/lib/i18n/messages";

type Labels = Messages["account"];
type SecurityLabels = Messages["security"];

/** An answer of the account endpoints: better-auth's `{ code, message }`, or the app's `{ error: {…} }`. */
interface Refusal {
  code?: string;
  message?: string;
  field?: string;
  error?: { code?: string; message?: string; field?: string };
}

/** The message for a refused account request, in the reader's language where the code is known. */
export async function refusalText(response: Response, labels: SecurityLabels, fallback: string): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as Refusal;
  const code = body.code ?? body.error?.code;
  const minutes = Math.max(1, Math.ceil(Number(response.headers.get("retry-after") ?? "60") / 60));
  const known: Record<string, string> = {
    PASSWORD_TOO_SHORT: labels.passwordTooShort,
    PASSWORD_TOO_LONG: labels.passwordTooLong,
    PASSWORD_TOO_COMMON: labels.passwordTooCommon,
    SIGN_IN_LOCKED: labels.signInLocked.replace("{minutes}", String(minutes)),
  };
  if (code && known[code]) return known[code];
  if ((body.field ?? body.error?.field) === "name") return labels.nameRefused;
  return body.message ?? body.error?.message ?? `${fallback} (${response.status})`;
}

const post = (path: string, body: unknown) => fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/**
 * Sign in or sign up with email and password (better-auth's JSON endpoints). Sign-up never signs
 * in (its answer must not tell whether the address had an account), so the form signs in next;
 * where the address must first be confirmed by mail, it says so.
 */
export function AccountForms({ labels, security, next }: { labels: Labels; security: SecurityLabels; next: string }) {
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
        const signedUp = await post("/api/auth/sign-up/email", data);
        if (!signedUp.ok) return setError(await refusalText(signedUp, security, labels.failed));
      }
      const signedIn = await post("/api/auth/sign-in/email", { email: data.email, password: data.password });
      if (!signedIn.ok) {
        if (mode === "sign-up") return setNotice(security.signUpDone);
        return setError(await refusalText(signedIn, security, labels.failed));
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
        await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        // A full reload: every client component re-reads the (now absent) session.
        window.location.reload();
      }}
    >
      {label}
    </button>
  );
}

/** The header's account corner: the signed-in name and sign-out, or a sign-in link. */
export function AccountLink({ labels }: { labels: Pick<Labels, "signIn" | "signOut" | "signedInAs"> }) {
  const user = useSession();
  if (user === undefined) return null;
  if (!user) return <a href="/account">{labels.signIn}</a>;
  return (
    <span className="account-link">
      <span className="sr-only">{labels.signedInAs}</span> <bdi>{user.name}</bdi> <SignOutButton label={labels.signOut} />
    </span>
  );
}
