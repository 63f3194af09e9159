"use client";

import { useCallback, useEffect, useId, useState } from "react";
import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from "@/lib/domain/account";
import { apiFetch, isApiError } from "@/lib/http/client";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { refusalText } from "./AccountForms";
import { authClient, authError, useSession } from "./session";

type Labels = Messages["security"];

interface SignInActivity {
  windowMinutes: number;
  failures: number;
  lockedOut: { address: string; until: string }[];
  slowed: boolean;
}

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

/**
 * The signed-in owner's account protection: the wrong passwords tried on the account lately and
 * the addresses stopped from trying (until when), and a form to change the password, which ends
 * every other session unless the owner unticks it.
 */
export function AccountSecurity({ labels, failed, locale }: { labels: Labels; failed: string; locale: Locale }) {
  const user = useSession();
  const id = useId();
  const [activity, setActivity] = useState<SignInActivity | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const times = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-GB", { timeStyle: "short" });

  const load = useCallback(async () => {
    try {
      setActivity(await apiFetch<SignInActivity>("/api/account/sign-in-activity", { cache: "no-store" }));
    } catch (caught) {
      // The activity is a courtesy: without it the form still works.
      if (!isApiError(caught)) throw caught;
    }
  }, []);

  useEffect(() => {
    // Loads once the session is known.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (user) void load();
  }, [user, load]);

  if (!user) return null;

  const change = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const revokeOtherSessions = data.get("revokeOtherSessions") === "on";
    setBusy(true);
    setError(null);
    setStatus("");
    try {
      const { error: refused } = await authClient.changePassword({
        currentPassword: String(data.get("currentPassword") ?? ""),
        newPassword: String(data.get("newPassword") ?? ""),
        revokeOtherSessions,
      });
      const problem = authError(refused);
      if (problem) {
        setError(problem.code === "INVALID_PASSWORD" ? labels.wrongCurrent : refusalText(problem, labels, locale) || failed);
        return;
      }
      form.reset();
      setStatus(revokeOtherSessions ? labels.changedOthersEnded : labels.changed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-security`} className="account-security">
      <h2 id={`${id}-security`}>{labels.activity}</h2>
      {activity && (
        <div>
          <p>{activity.failures === 0 ? fill(labels.activityNone, { minutes: activity.windowMinutes }) : fill(labels.activityFailures, { n: activity.failures, minutes: activity.windowMinutes })}</p>
          {activity.lockedOut.length > 0 && (
            <ul>
              {activity.lockedOut.map((lock) => (
                <li key={lock.address}>{fill(labels.activityLocked, { address: lock.address, until: times.format(new Date(lock.until)) })}</li>
              ))}
            </ul>
          )}
          {activity.slowed && <p>{labels.activitySlowed}</p>}
        </div>
      )}
      <form
        className="account-form"
        onSubmit={(event) => {
          event.preventDefault();
          void change(event.currentTarget);
        }}
      >
        <h2>{labels.changePassword}</h2>
        <label htmlFor={`${id}-current`}>{labels.currentPassword}</label>
        <input id={`${id}-current`} name="currentPassword" type="password" required autoComplete="current-password" />
        <label htmlFor={`${id}-new`}>{labels.newPassword}</label>
        <input id={`${id}-new`} name="newPassword" type="password" required minLength={MIN_PASSWORD_CHARS} maxLength={MAX_PASSWORD_CHARS} autoComplete="new-password" />
        <label className="checkbox">
          <input name="revokeOtherSessions" type="checkbox" defaultChecked /> {labels.revokeOthers}
        </label>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <p role="status">{status}</p>
        <button type="submit" disabled={busy}>
          {labels.submitChange}
        </button>
      </form>
    </section>
  );
}
