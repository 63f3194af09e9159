"use client";

/**
 * Margin markers beside the text, one per paragraph that has notes (Hypothesis's bucket bar, at
 * paragraph grain): how many, of which kinds (a coloured dot each), filled for the reader's own and
 * ringed for colleagues'. A click opens the notes panel at that paragraph's notes.
 */
import { useEffect, useMemo, useState } from "react";
import { createPortal } from "react-dom";
import type { Annotation, Motivation } from "@/lib/domain/annotation";
import { briefArticle } from "./hooks/use-brief-text";
import type { NoteLabels } from "./labels";

const KIND_ORDER: Motivation[] = ["highlighting", "classifying", "questioning", "commenting", "tagging"];

interface Bucket {
  blockId: string;
  ids: string[];
  kinds: { kind: Motivation; mine: boolean }[];
}

/** The notes of each paragraph (by the block a note starts in), in document order. */
export function buckets(annotations: Annotation[], userId: string): Bucket[] {
  const byBlock = new Map<string, Annotation[]>();
  for (const annotation of annotations) {
    const target = annotation.target;
    if (annotation.parentId || annotation.deleted || annotation.anchor?.status === "orphaned" || !target || !("blockId" in target)) continue;
    byBlock.set(target.blockId, [...(byBlock.get(target.blockId) ?? []), annotation]);
  }
  return [...byBlock.entries()].map(([blockId, notes]) => {
    const kinds: Bucket["kinds"] = [];
    for (const kind of KIND_ORDER) {
      for (const mine of [true, false]) if (notes.some((note) => note.motivation === kind && (note.author.id === userId) === mine)) kinds.push({ kind, mine });
    }
    return { blockId, ids: notes.map((note) => note.id), kinds };
  });
}

export function NoteMarkers({ annotations, userId, labels, onOpen }: { annotations: Annotation[]; userId: string; labels: NoteLabels; onOpen: (ids: string[], blockId: string) => void }) {
  const [article, setArticle] = useState<HTMLElement | null>(null);
  const [tops, setTops] = useState<Record<string, number>>({});
  const groups = useMemo(() => buckets(annotations, userId), [annotations, userId]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the article is server-rendered: found once, after hydration
    setArticle(briefArticle());
  }, []);

  // Where each paragraph's first line is, relative to the article; measured again when the layout changes.
  useEffect(() => {
    if (!article) return;
    const measure = () => {
      const origin = article.getBoundingClientRect().top;
      const next: Record<string, number> = {};
      for (const group of groups) {
        const text = document.getElementById(group.blockId)?.querySelector(".brief-block-text");
        if (text) next[group.blockId] = Math.round(text.getBoundingClientRect().top - origin);
      }
      setTops(next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(article);
    return () => observer.disconnect();
  }, [article, groups]);

  if (!article) return null;
  return createPortal(
    <div className="note-markers">
      {groups.map((group) =>
        tops[group.blockId] === undefined ? null : (
          <button
            key={group.blockId}
            type="button"
            className="note-marker"
            data-block={group.blockId}
            style={{ top: tops[group.blockId] }}
            aria-label={labels.markerLabel.replace("{n}", String(group.ids.length))}
            title={labels.markerLabel.replace("{n}", String(group.ids.length))}
            onClick={() => onOpen(group.ids, group.blockId)}
          >
            <span className="note-marker-count">{group.ids.length}</span>
            <span className="note-marker-kinds" aria-hidden="true">
              {group.kinds.map(({ kind, mine }) => (
                <span key={`${kind}-${mine}`} className={`kind-dot kind-${kind}${mine ? " mine" : " others"}`} />
              ))}
            </span>
          </button>
        ),
      )}
    </div>,
    article,
  );
}

/** The legend of the markers and the text's marks: kinds by colour, the reader's own against colleagues'. */
export function NotesLegend({ labels }: { labels: NoteLabels }) {
  return (
    <details className="notes-legend">
      <summary>{labels.legend}</summary>
      <ul>
        {KIND_ORDER.map((kind) => (
          <li key={kind}>
            <span className={`kind-dot kind-${kind} mine`} aria-hidden="true" /> {labels.motivations[kind]}
          </li>
        ))}
        <li>
          <span className="legend-mine" aria-hidden="true">가</span> {labels.legendMine}
        </li>
        <li>
          <span className="legend-others" aria-hidden="true">가</span> {labels.legendOthers}
        </li>
      </ul>
    </details>
  );
}
