"use client";

/** A subject's changes (who, when, what changed), newest first, each with a one-click revert for editors. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import type { KnowledgeMessages } from "@/lib/i18n/knowledge-messages";

export interface HistoryEntry {
  id: string;
  action: string;
  at: string;
  by: string | null;
  before: unknown;
  after: unknown;
  revertOf: string | null;
  reverted: boolean;
}

/** The top-level fields that differ between two states, or the event's kind and date. */
function summary(entry: HistoryEntry): string {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  if (entry.action.startsWith("event") || "basis" in before || "basis" in after) {
    const event = (entry.after ?? entry.before) as { kind?: string; date?: string; basis?: string } | null;
    return event ? [event.kind, event.date, event.basis].filter(Boolean).join(" · ") : "";
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return keys.join(", ");
}

export function KnowledgeHistory({ entries, words, editor, locale }: { entries: HistoryEntry[]; words: KnowledgeMessages; editor: boolean; locale: "ko" | "en" }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revert = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      await apiFetch(`/api/knowledge/changes/${encodeURIComponent(id)}/revert`, { method: "POST" });
      router.refresh();
    } catch (caught) {
      setError(errorText(locale, caught));
    } finally {
      setBusy(null);
    }
  };
  if (entries.length === 0) return <p className="muted">{words.noHistory}</p>;
  const when = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <ol className="knowledge-history">
        {entries.map((entry) => (
          <li key={entry.id} className={entry.reverted ? "reverted" : undefined}>
            <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time> · <strong>{entry.by ?? words.seedAuthor}</strong> · {words.actions[entry.action] ?? entry.action}
            {summary(entry) && <span className="muted"> — {summary(entry)}</span>}
            {entry.reverted && <span className="badge"> {words.reverted}</span>}
            {editor && !entry.reverted && entry.action !== "merged-into" && entry.action !== "seed" && (
              <button type="button" className="revert-button" disabled={busy !== null} onClick={() => void revert(entry.id)}>
                {words.revert}
              </button>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
