"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { Visibility } from "@/lib/domain/annotation";
import { MentionTextarea } from "@/components/notifications/MentionTextarea";
import type { GroupSummary } from "@/lib/domain/group";
import { apiFetch } from "@/lib/http/client";
import type { NoteLabels } from "./labels";

export interface NoteDraft {
  body: string;
  tags: string;
  visibility: Visibility;
  /** With visibility "group": the group. */
  groupId?: string;
}

/**
 * Writing a note: Markdown, tags and an explicit choice of who sees it, always shown: only me, a
 * group of mine (chosen by name), or everyone. A reply's choice is its parent's audience or only
 * me (`parent`). The draft is kept in localStorage under `storageKey` until it is saved, so a
 * failed save or a closed tab loses nothing. Ctrl/⌘+Enter saves, Escape cancels.
 */
export function NoteForm({
  labels,
  storageKey,
  initial,
  quote,
  onSave,
  onCancel,
  parent,
}: {
  labels: NoteLabels;
  storageKey: string;
  initial?: Partial<NoteDraft>;
  quote?: string;
  /** For a reply: the audience of the note it answers. */
  parent?: { visibility: Visibility; group: { id: string; name: string } | null };
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
  // The viewer's groups, asked once per form (a reply's group is its parent's).
  const [groups, setGroups] = useState<{ id: string; name: string }[] | null>(parent ? (parent.group ? [parent.group] : []) : null);
  useEffect(() => {
    if (parent) return;
    let live = true;
    apiFetch<GroupSummary[]>("/api/groups")
      .then((mine) => live && setGroups(mine.map((group) => ({ id: group.id, name: group.name }))))
      .catch(() => live && setGroups([]));
    return () => {
      live = false;
    };
  }, [parent]);
  const choices: Visibility[] = parent ? (["private", parent.visibility] as Visibility[]).filter((value, index, all) => all.indexOf(value) === index) : ["private", "group", "shared"];
  // None chosen yet, or a remembered group the viewer is no longer in: the first of theirs.
  const chosenGroup = groups?.find((group) => group.id === draft.groupId) ?? groups?.[0] ?? null;

  useEffect(() => textarea.current?.focus(), []);
  useEffect(() => window.localStorage.setItem(storageKey, JSON.stringify(draft)), [draft, storageKey]);

  const submit = async () => {
    if (draft.visibility === "group" && !chosenGroup) {
      setError(labels.noGroups);
      return;
    }
    setSaving(true);
    setError(null);
    const problem = await onSave(draft.visibility === "group" && chosenGroup ? { ...draft, groupId: chosenGroup.id } : draft);
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
      <MentionTextarea
        id={`${id}-body`}
        textareaRef={textarea}
        value={draft.body}
        onChange={(body) => setDraft((current) => ({ ...current, body }))}
        groupId={draft.visibility === "group" ? chosenGroup?.id : undefined}
      />
      <label htmlFor={`${id}-tags`}>{labels.tags}</label>
      <input id={`${id}-tags`} value={draft.tags} onChange={(event) => setDraft({ ...draft, tags: event.target.value })} />
      <fieldset className="visibility-choice">
        <legend>{labels.visibility}</legend>
        {choices.map((visibility) => (
          <label key={visibility} className={draft.visibility === visibility ? "chosen" : undefined}>
            <input
              type="radio"
              name={`${id}-visibility`}
              value={visibility}
              checked={draft.visibility === visibility}
              disabled={visibility === "group" && groups !== null && groups.length === 0}
              onChange={() => setDraft({ ...draft, visibility })}
            />
            {visibility === "private" ? labels.private : visibility === "shared" ? labels.shared : parent?.group ? `${labels.groupLabel}: ${parent.group.name}` : labels.group}
          </label>
        ))}
        {draft.visibility === "group" && !parent && groups && groups.length > 0 && (
          <label className="visibility-group-choice">
            {labels.groupLabel}{" "}
            <select value={chosenGroup?.id ?? ""} onChange={(event) => setDraft({ ...draft, groupId: event.target.value })}>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <p className="visibility-hint" aria-live="polite">
          {draft.visibility === "private"
            ? labels.privateHint
            : draft.visibility === "shared"
              ? labels.sharedHint
              : chosenGroup
                ? labels.groupHint.replace("{name}", chosenGroup.name)
                : ""}
          {parent && draft.visibility !== "private" ? ` ${labels.replyAudience}` : ""}
        </p>
        {!parent && groups !== null && groups.length === 0 && (
          <p className="visibility-no-groups">
            {labels.noGroups} <a href="/account/groups">{labels.manageGroups}</a>
          </p>
        )}
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
