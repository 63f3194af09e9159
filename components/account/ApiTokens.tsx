"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { ApiTokenSummary } from "@/lib/domain/api-token";
import { apiFetch, isApiError } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { type Particle, particle } from "@/lib/i18n/particles";
import { useSession } from "./session";

type Labels = Messages["tokens"];

const EXPIRY_DAYS = [30, 90, 365] as const;

/** Fills `{name}`-style slots, then chooses each `{을/를}`-style particle by the words before it. */
function fill(template: string, values: Record<string, string | number>): string {
  const filled = template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
  return filled.replace(/\{(이\/가|을\/를|은\/는|과\/와|으로\/로)\}/g, (_, pair: Particle, at: number) => particle(filled.slice(0, at), pair));
}

/**
 * Personal API tokens on the account page, for a signed-in reader: make one (its secret is shown
 * once, focused for copying), see them, revoke one (after a confirmation in place).
 */
export function ApiTokens({ labels, locale }: { labels: Labels; locale: Locale }) {
  const user = useSession();
  const id = useId();
  const [tokens, setTokens] = useState<ApiTokenSummary[] | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const secretInput = useRef<HTMLInputElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const dates = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-GB", { dateStyle: "medium", timeStyle: "short" });

  const problemText = useCallback((caught: unknown) => errorText(locale, caught) || labels.failed, [locale, labels.failed]);

  const load = useCallback(async () => {
    try {
      setTokens(await apiFetch<ApiTokenSummary[]>("/api/account/tokens", { cache: "no-store" }));
    } catch (caught) {
      setError(problemText(caught));
    }
  }, [problemText]);

  useEffect(() => {
    // Loads once the session is known; the list itself lives in this component's state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (user) void load();
  }, [user, load]);

  useEffect(() => {
    if (secret) secretInput.current?.focus();
  }, [secret]);

  if (!user) return null;

  const create = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const days = Number(data.get("expiresInDays"));
    setBusy(true);
    setError(null);
    setStatus("");
    let created: { token: ApiTokenSummary; secret: string };
    try {
      created = await apiFetch("/api/account/tokens", { method: "POST", json: { name: String(data.get("name") ?? ""), expiresInDays: days > 0 ? days : null } });
    } catch (caught) {
      setError(problemText(caught));
      return;
    } finally {
      setBusy(false);
    }
    form.reset();
    setCopied("");
    setSecret(created.secret);
    setTokens((list) => [created.token, ...(list ?? [])]);
  };

  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(labels.copied);
    } catch {
      secretInput.current?.select();
      setCopied(labels.copyFailed);
    }
  };

  const revoke = async (token: ApiTokenSummary) => {
    setError(null);
    try {
      await apiFetch(`/api/account/tokens/${encodeURIComponent(token.id)}`, { method: "DELETE" });
    } catch (caught) {
      // Already gone (revoked in another tab) is what was wanted.
      if (!isApiError(caught) || caught.status !== 404) {
        setConfirming(null);
        setError(problemText(caught));
        return;
      }
    }
    setConfirming(null);
    setTokens((list) => (list ?? []).filter((item) => item.id !== token.id));
    setStatus(fill(labels.revoked, { name: token.name }));
    // The row and its buttons are gone: keep keyboard focus somewhere sensible.
    listHeading.current?.focus();
  };

  return (
    <section className="api-tokens" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{labels.title}</h2>
      <p className="api-tokens-intro">{labels.intro}</p>

      <form
        className="account-form api-token-form"
        onSubmit={(event) => {
          event.preventDefault();
          void create(event.currentTarget);
        }}
      >
        <label htmlFor={`${id}-name`}>{labels.name}</label>
        <input id={`${id}-name`} ref={nameInput} name="name" required maxLength={100} placeholder={labels.namePlaceholder} autoComplete="off" />
        <label htmlFor={`${id}-expiry`}>{labels.expiry}</label>
        <select id={`${id}-expiry`} name="expiresInDays" defaultValue="0">
          <option value="0">{labels.never}</option>
          {EXPIRY_DAYS.map((days) => (
            <option key={days} value={days}>
              {fill(labels.days, { n: days })}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy}>
          {busy ? labels.creating : labels.create}
        </button>
      </form>

      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}

      {secret && (
        <div className="api-token-secret" role="group" aria-labelledby={`${id}-secret-title`}>
          <h3 id={`${id}-secret-title`}>{labels.secretTitle}</h3>
          <p id={`${id}-secret-once`}>{labels.secretOnce}</p>
          <input
            ref={secretInput}
            className="api-token-value"
            readOnly
            value={secret}
            aria-labelledby={`${id}-secret-title`}
            aria-describedby={`${id}-secret-once`}
            onFocus={(event) => event.currentTarget.select()}
          />
          <div className="form-actions">
            <button type="button" onClick={() => void copy()}>
              {labels.copy}
            </button>
            <button
              type="button"
              onClick={() => {
                setSecret(null);
                nameInput.current?.focus();
              }}
            >
              {labels.done}
            </button>
          </div>
          <p role="status" className="api-token-copied">
            {copied}
          </p>
        </div>
      )}

      <h3 id={`${id}-list`} ref={listHeading} tabIndex={-1}>
        {labels.list}
      </h3>
      {tokens && tokens.length === 0 && <p>{labels.none}</p>}
      {tokens && tokens.length > 0 && (
        <table className="api-token-list" aria-labelledby={`${id}-list`}>
          <thead>
            <tr>
              <th scope="col">{labels.name}</th>
              <th scope="col">{labels.prefix}</th>
              <th scope="col">{labels.created}</th>
              <th scope="col">{labels.lastUsed}</th>
              <th scope="col">{labels.expires}</th>
              <th scope="col">
                <span className="sr-only">{labels.revoke}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} data-token-id={token.id}>
                <th scope="row">
                  <bdi>{token.name}</bdi>
                </th>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{dates.format(new Date(token.createdAt))}</td>
                <td>{token.lastUsedAt ? dates.format(new Date(token.lastUsedAt)) : labels.neverUsed}</td>
                <td>{token.expired ? labels.expired : token.expiresAt ? dates.format(new Date(token.expiresAt)) : labels.noExpiry}</td>
                <td>
                  {confirming === token.id ? (
                    <span className="api-token-confirm" role="group" aria-label={fill(labels.revokeLabel, { name: token.name })}>
                      <span>{fill(labels.confirmRevoke, { name: token.name })}</span>{" "}
                      <button type="button" className="danger" onClick={() => void revoke(token)} autoFocus>
                        {labels.confirm}
                      </button>{" "}
                      <button type="button" onClick={() => setConfirming(null)}>
                        {labels.cancel}
                      </button>
                    </span>
                  ) : (
                    <button type="button" aria-label={fill(labels.revokeLabel, { name: token.name })} onClick={() => setConfirming(token.id)}>
                      {labels.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p role="status" className="api-token-status">
        {status}
      </p>
    </section>
  );
}
