"use client";

/**
 * Follow an entity or agreement record: notes written on it then notify the follower. Signed-out
 * readers see how many follow it and that signing in lets them.
 */
import { useEffect, useState } from "react";
import { useSession } from "@/components/account/session";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import { notificationMessages, pageLocale } from "@/lib/i18n/notification-messages";

interface FollowState {
  following: boolean;
  followers: number;
}

export function FollowButton({ target }: { target: string }) {
  const user = useSession();
  const [state, setState] = useState<FollowState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const words = notificationMessages[pageLocale()];
  const url = `/api/follows/${encodeURIComponent(target)}`;

  useEffect(() => {
    if (user === undefined) return;
    let live = true;
    apiFetch<FollowState>(url)
      .then((answer) => live && setState(answer))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [url, user]);

  if (!state) return null;
  if (!user) return <p className="follow-note">{`${words.followers(state.followers)} · ${words.signInToFollow}`}</p>;

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      setState(await apiFetch<FollowState>(url, { method: state.following ? "DELETE" : "PUT" }));
    } catch (caught) {
      setError(errorText(pageLocale(), caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="follow">
      <button type="button" className="follow-button" aria-pressed={state.following} disabled={busy} onClick={() => void toggle()} title={words.followHelp}>
        {state.following ? words.following : words.follow}
      </button>
      <span className="follow-count">{words.followers(state.followers)}</span>
      {error ? <span role="alert">{error}</span> : null}
    </div>
  );
}
