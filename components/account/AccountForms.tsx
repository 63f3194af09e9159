"use client";

import { useId, useState } from "react";
import { errorText } from "@/lib/i18n/errors";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { authClient, authError, useSession } from "./session";

type Labels = Messages["account"];

/** Sign in or sign up with email and password (better-auth's client). */
export function AccountForms({ labels, next, locale }: { labels: Labels; next: string; locale: Locale }) {
  const id = useId();
  const [mode, setMode] = useState<"sign-in" | "sign-up">("sign-in");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (form: HTMLFormElement) => {
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    setBusy(true);
    setError(null);
    const { error: failure } =
      mode === "sign-in"
        ? await authClient.signIn.email({ email: data.email, password: data.password })
        : await authClient.signUp.email({ name: data.name, email: data.email, password: data.password });
    setBusy(false);
    const problem = authError(failure);
    if (problem) {
      setError(errorText(locale, problem) || labels.failed);
      return;
    }
    // A full load, so every client component starts from the new session.
    window.location.assign(next);
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
      <input id={`${id}-password`} name="password" type="password" required minLength={8} autoComplete={mode === "sign-in" ? "current-password" : "new-password"} />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
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

/** The header's account corner: the signed-in name and sign-out, or a sign-in link. */
export function AccountLink({ labels }: { labels: Pick<Labels, "signIn" | "signOut" | "signedInAs"> }) {
  const user = useSession();
  if (user === undefined) return null;
  if (!user) return <a href="/account">{labels.signIn}</a>;
  return (
    <span className="account-link">
      <span className="sr-only">{labels.signedInAs}</span> {user.name} <SignOutButton label={labels.signOut} />
    </span>
  );
}
