"use client";

/**
 * What goes on paper with the brief: the notes the reader chose (none, mine, or all they may see),
 * in document order after the text, with the page's address and the date it was printed.
 */
import { useEffect, useState } from "react";
import type { Annotation } from "@/lib/domain/annotation";
import type { NoteLabels } from "./labels";

export type PrintChoice = "none" | "mine" | "all";
const KEY = "print-notes";

/** The reader's choice, kept in this browser. */
export function usePrintChoice(): [PrintChoice, (choice: PrintChoice) => void] {
  const [choice, setChoice] = useState<PrintChoice>("mine");
  useEffect(() => {
    const stored = window.localStorage.getItem(KEY);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the stored choice is known only in the browser
    if (stored === "none" || stored === "mine" || stored === "all") setChoice(stored);
  }, []);
  return [
    choice,
    (next) => {
      window.localStorage.setItem(KEY, next);
      setChoice(next);
    },
  ];
}

/** The control in the notes panel. */
export function PrintControl({ labels, choice, onChoose }: { labels: NoteLabels; choice: PrintChoice; onChoose: (choice: PrintChoice) => void }) {
  return (
    <p className="print-control">
      <label>
        {labels.printNotes}{" "}
        <select value={choice} onChange={(event) => onChoose(event.target.value as PrintChoice)}>
          <option value="none">{labels.printNone}</option>
          <option value="mine">{labels.printMine}</option>
          <option value="all">{labels.printAll}</option>
        </select>
      </label>{" "}
      <button type="button" onClick={() => window.print()}>
        {labels.print}
      </button>
    </p>
  );
}

function startOf(annotation: Annotation): number {
  const target = annotation.target;
  return target && "position" in target ? target.position.start : Number.MAX_SAFE_INTEGER;
}

/** The printed list: hidden on screen, shown only on paper. */
export function PrintedNotes({ annotations, userId, labels, choice }: { annotations: Annotation[]; userId: string; labels: NoteLabels; choice: PrintChoice }) {
  if (choice === "none") return null;
  const dates = new Intl.DateTimeFormat(labels.locale, { dateStyle: "medium" });
  const roots = annotations
    .filter((annotation) => !annotation.parentId && !annotation.deleted && (choice === "all" || annotation.author.id === userId))
    .sort((a, b) => startOf(a) - startOf(b));
  if (roots.length === 0) return null;
  const repliesOf = (annotation: Annotation) => annotations.filter((reply) => reply.parentId === annotation.id && !reply.deleted && (choice === "all" || reply.author.id === userId));
  return (
    <section className="print-notes" aria-hidden="true">
      <h2>{labels.title}</h2>
      <ol>
        {roots.map((annotation) => {
          const target = annotation.target;
          return (
            <li key={annotation.id}>
              {target && "quote" in target && <blockquote lang="ko">{target.quote.exact}</blockquote>}
              <p className="print-note-meta">
                {labels.motivations[annotation.motivation]} · {annotation.author.name} · {dates.format(new Date(annotation.created))}
              </p>
              {annotation.body && <p className="print-note-body">{annotation.body}</p>}
              {repliesOf(annotation).map((reply) => (
                <p key={reply.id} className="print-note-reply">
                  ↳ {reply.author.name}: {reply.body}
                </p>
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
