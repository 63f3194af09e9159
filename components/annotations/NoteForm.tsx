"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { Visibility } from "@/lib/domain/annotation";
import { MentionTextarea } from "@/components/notifications/MentionTextarea";
import type { NoteLabels } from "./labels";

export interface NoteDraft {
  body: string;
  tags: string;
  visibility: Visibility;
}

/**
 * Writing a note: Markdown, tags and an explicit visibility choice, always shown. The draft is
 * kept in localStorage under `storageKey` until it is saved, so a failed save or a closed tab
 * loses nothing. Ctrl/⌘+Enter saves, Escape cancels.
 */
export function NoteForm({
  labels,
  storageKey,
  initial,
  quote,
  onSave,
  onCancel,
}: {
  labels: NoteLabels;
  storageKey: string;
  initial?: Partial<NoteDraft>;
  quote?: string;
  onSave: (draft: NoteDraft) => Promise<string | null>;
  onCancel: () => void;
}) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraft] = useState<NoteDraft>(() => {
    const stored = typeof window === "undefined" ? null : window.localStorage.getItem(storageKey);
    return { body: "", tags: "", visibility: "private", ...initial, ...(stored ? (JSON.parse(stored) as NoteDraft) : {}) };
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => textarea.current?.focus(), []);
  useEffect(() => window.localStorage.setItem(storageKey, JSON.stringify(draft)), [draft, storageKey]);

  const submit = async () => {
    setSaving(true);
    setError(null);
    const problem = await onSave(draft);
    setSaving(false);
    if (problem) setError(problem);
    else window.localStorage.removeItem(storageKey);
  };

  return (
    <form
      className="note-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) void submit();
        if (event.key === "Escape") {
          // The form is the topmost thing: Escape closes it, not the panel around it.
          event.stopPropagation();
          event.nativeEvent.stopImmediatePropagation();
          event.preventDefault();
          onCancel();
        }
      }}
    >
      {quote && <blockquote className="note-quote">{quote}</blockquote>}
      <label htmlFor={`${id}-body`}>{labels.body}</label>
      <MentionTextarea id={`${id}-body`} textareaRef={textarea} value={draft.body} onChange={(body) => setDraft((current) => ({ ...current, body }))} />
      <label htmlFor={`${id}-tags`}>{labels.tags}</label>
      <input id={`${id}-tags`} value={draft.tags} onChange={(event) => setDraft({ ...draft, tags: event.target.value })} />
      <fieldset className="visibility-choice">
        <legend>{labels.visibility}</legend>
        {(["private", "shared"] as const).map((visibility) => (
          <label key={visibility} className={draft.visibility === visibility ? "chosen" : undefined}>
            <input type="radio" name={`${id}-visibility`} value={visibility} checked={draft.visibility === visibility} onChange={() => setDraft({ ...draft, visibility })} />
            {visibility === "private" ? labels.private : labels.shared}
          </label>
        ))}
        <p className="visibility-hint" aria-live="polite">
          {draft.visibility === "private" ? labels.privateHint : labels.sharedHint}
        </p>
      </fieldset>
      {error && (
        <p role="alert" className="form-error">
          {labels.saveFailed}: {error}. {labels.draftKept}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? labels.saving : labels.save}
        </button>
        <button type="button" onClick={onCancel}>
          {labels.cancel}
        </button>
      </div>
    </form>
  );
}
