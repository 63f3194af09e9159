"use client";

/**
 * A record's events, for editors: add one (from a public source, an editor's judgement, or a
 * brief's sentence), correct one, or remove one. Each is one request; the page is then rendered
 * again, with the discrepancies recomputed from the new events.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { type AgreementEvent, eventKinds, sourceTiers } from "@/lib/domain/agreement";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import type { KnowledgeMessages } from "@/lib/i18n/knowledge-messages";

type Basis = "reference" | "editor" | "brief";

interface Draft {
  basis: Basis;
  kind: string;
  date: string;
  url: string;
  publisher: string;
  tier: string;
  unverified: boolean;
  note: string;
  brief: string;
  quote: string;
}

function draftOf(event: AgreementEvent | null, brief: string): Draft {
  return {
    basis: event?.basis ?? "reference",
    kind: event?.kind ?? "signed",
    date: event?.date ?? "",
    url: event?.source?.url ?? "",
    publisher: event?.source?.publisher ?? "",
    tier: event?.source?.tier ?? "official",
    unverified: event?.unverified ?? false,
    note: event?.note ?? "",
    brief: event?.brief ?? brief,
    quote: event?.quote ?? "",
  };
}

/** The request body of a draft: only what its basis has. */
function bodyOf(draft: Draft, patch: boolean): Record<string, unknown> {
  const optional = (value: string) => (value.trim() ? value.trim() : patch ? null : undefined);
  const body: Record<string, unknown> = { basis: draft.basis, kind: draft.kind, date: optional(draft.date), note: optional(draft.note) };
  if (draft.basis === "reference") {
    body.source = draft.url.trim() ? { url: draft.url.trim(), publisher: draft.publisher.trim(), tier: draft.tier } : patch ? null : undefined;
    body.unverified = draft.unverified ? true : patch ? null : undefined;
  }
  if (draft.basis === "brief") Object.assign(body, { brief: draft.brief, quote: draft.quote.trim() });
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

function EventForm({ initial, words, kindLabels, tierLabels, busy, error, onSubmit, onCancel }: { initial: Draft; words: KnowledgeMessages; kindLabels: Record<string, string>; tierLabels: Record<string, string>; busy: boolean; error: string | null; onSubmit: (draft: Draft) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const w = words.events;
  return (
    <form
      className="event-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(draft);
      }}
    >
      <label>
        {w.basis}
        <select name="basis" value={draft.basis} onChange={(event) => set("basis", event.target.value as Basis)}>
          {(["reference", "editor", "brief"] as const).map((basis) => (
            <option key={basis} value={basis}>
              {w.bases[basis]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {w.kind}
        <select name="kind" value={draft.kind} onChange={(event) => set("kind", event.target.value)}>
          {eventKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabels[kind] ?? kind}
            </option>
          ))}
        </select>
      </label>
      <label>
        {w.date}
        <input name="date" value={draft.date} onChange={(event) => set("date", event.target.value)} placeholder="2024-07-08" inputMode="numeric" />
      </label>
      {draft.basis === "reference" && (
        <>
          <label>
            {w.url}
            <input name="url" type="url" value={draft.url} onChange={(event) => set("url", event.target.value)} />
          </label>
          <label>
            {w.publisher}
            <input name="publisher" value={draft.publisher} onChange={(event) => set("publisher", event.target.value)} />
          </label>
          <label>
            {w.tier}
            <select name="tier" value={draft.tier} onChange={(event) => set("tier", event.target.value)}>
              {sourceTiers.map((tier) => (
                <option key={tier} value={tier}>
                  {tierLabels[tier] ?? tier}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={draft.unverified} onChange={(event) => set("unverified", event.target.checked)} /> {w.unverified}
          </label>
        </>
      )}
      {draft.basis === "brief" && (
        <>
          <label>
            {w.brief}
            <input name="brief" value={draft.brief} onChange={(event) => set("brief", event.target.value)} />
          </label>
          <label>
            {w.quote}
            <input name="quote" lang="ko" value={draft.quote} onChange={(event) => set("quote", event.target.value)} />
          </label>
        </>
      )}
      <label>
        {w.note}
        <input name="note" value={draft.note} onChange={(event) => set("note", event.target.value)} aria-describedby="event-note-help" />
        <small id="event-note-help">{w.noteHelp}</small>
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <p className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? words.saving : words.save}
        </button>
        <button type="button" onClick={onCancel}>
          {words.cancel}
        </button>
      </p>
    </form>
  );
}

export function EventCuration({
  record,
  brief,
  events,
  words,
  kindLabels,
  tierLabels,
  locale,
}: {
  record: string;
  brief: string;
  events: AgreementEvent[];
  words: KnowledgeMessages;
  kindLabels: Record<string, string>;
  tierLabels: Record<string, string>;
  locale: "ko" | "en";
}) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/agreements/${encodeURIComponent(record)}/events`;
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setEditing(null);
      router.refresh();
    } catch (caught) {
      setError(errorText(locale, caught));
    } finally {
      setBusy(false);
    }
  };
  const w = words.events;
  return (
    <section className="event-curation" aria-labelledby="event-curation-title">
      <h2 id="event-curation-title">{w.title}</h2>
      <ul className="event-curation-list">
        {events
          .filter((event) => event.id)
          .map((event) => (
            <li key={event.id}>
              <span>
                {event.date ?? "—"} · {kindLabels[event.kind] ?? event.kind} · {words.provenance[event.basis]}
                {event.addedBy && <span className="muted"> ({words.addedBy} {event.addedBy})</span>}
              </span>{" "}
              <button type="button" onClick={() => setEditing(editing === event.id ? null : (event.id as string))}>
                {w.edit}
              </button>{" "}
              <button type="button" disabled={busy} onClick={() => window.confirm(w.confirmRemove) && void run(() => apiFetch(`${base}/${encodeURIComponent(event.id as string)}`, { method: "DELETE" }))}>
                {w.remove}
              </button>
              {editing === event.id && (
                <EventForm
                  initial={draftOf(event, brief)}
                  words={words}
                  kindLabels={kindLabels}
                  tierLabels={tierLabels}
                  busy={busy}
                  error={error}
                  onCancel={() => setEditing(null)}
                  onSubmit={(draft) => void run(() => apiFetch(`${base}/${encodeURIComponent(event.id as string)}`, { method: "PATCH", json: bodyOf(draft, true) }))}
                />
              )}
            </li>
          ))}
      </ul>
      {editing === "new" ? (
        <EventForm initial={draftOf(null, brief)} words={words} kindLabels={kindLabels} tierLabels={tierLabels} busy={busy} error={error} onCancel={() => setEditing(null)} onSubmit={(draft) => void run(() => apiFetch(base, { method: "POST", json: bodyOf(draft, false) }))} />
      ) : (
        <button type="button" onClick={() => setEditing("new")}>
          {w.add}
        </button>
      )}
    </section>
  );
}
