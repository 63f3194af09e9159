"use client";

import { useState } from "react";
import type { NoteLabels } from "./labels";
import { NoteBody } from "./NoteBody";
import { NoteForm } from "./NoteForm";
import { audienceLabel, audienceOf } from "./audience";
import { useSession } from "@/components/account/session";
import { errorText } from "@/lib/i18n/errors";
import { splitTags } from "./tags";
import { useAnnotations } from "./use-annotations";

/** Notes about a whole entity or agreement record, shown in its side panel, with a form to add one. */
export function EntityNotes({ brief, entityId, labels }: { brief: string; entityId: string; labels: NoteLabels }) {
  const user = useSession();
  const { annotations, create } = useAnnotations(brief, !!user);
  const [writing, setWriting] = useState(false);
  if (!user) return null;
  const notes = annotations.filter((annotation) => !annotation.deleted && annotation.target && "entityId" in annotation.target && annotation.target.entityId === entityId);
  return (
    <section className="entity-notes" aria-labelledby="entity-notes-title">
      <h3 id="entity-notes-title">
        {labels.title} ({notes.length})
      </h3>
      <ol className="notes-list">
        {notes.map((annotation) => (
          <li key={annotation.id} className="note">
            <p className="note-meta">
              <bdi>{annotation.author.name}</bdi> · <time dateTime={annotation.modified}>{new Intl.DateTimeFormat(labels.locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(annotation.modified))}</time>{" "}
              <span className={`visibility-badge visibility-${annotation.visibility}`}>{audienceLabel(annotation, labels)}</span>
            </p>
            <NoteBody markdown={annotation.body} />
          </li>
        ))}
      </ol>
      {writing ? (
        <NoteForm
          labels={labels}
          storageKey={`note-draft:${brief}:entity-${entityId}`}
          onCancel={() => setWriting(false)}
          onSave={async (draft) => {
            try {
              await create({ brief, motivation: "commenting", ...audienceOf(draft), target: { entityId }, body: draft.body, tags: splitTags(draft.tags) });
            } catch (caught) {
              return errorText(labels.locale, caught);
            }
            setWriting(false);
            return null;
          }}
        />
      ) : (
        <button type="button" className="add-note" onClick={() => setWriting(true)}>
          + {labels.note}
        </button>
      )}
    </section>
  );
}
