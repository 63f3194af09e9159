"use client";

/** The toolbar beside a selection: the four kinds of note and a colour, or re-attach, or an invitation to sign in. */
import { useLayoutEffect, useRef } from "react";
import type { Motivation } from "@/lib/domain/annotation";
import type { NoteLabels } from "./labels";
import type { Span } from "./notes-ui";
import { PALETTE } from "./paint-highlights";

export function SelectionToolbar({
  span,
  labels,
  signedIn,
  reattaching,
  colour,
  signInHref,
  onBegin,
  onColour,
}: {
  span: Span;
  labels: NoteLabels;
  signedIn: boolean;
  reattaching: boolean;
  colour: string;
  signInHref: string;
  onBegin: (motivation: Motivation) => void;
  onColour: (colour: string) => void;
}) {
  const bar = useRef<HTMLDivElement>(null);

  // Fully on screen, and never over the selection: the toolbar's real width keeps it inside the
  // window; docked at the bottom on a phone, the page scrolls the selection clear above it.
  useLayoutEffect(() => {
    const element = bar.current;
    if (!element) return;
    const box = element.getBoundingClientRect();
    if (box.right > window.innerWidth - 8) element.style.left = `${Math.max(8, window.innerWidth - box.width - 8)}px`;
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) return;
    const chosen = selection.getRangeAt(0).getBoundingClientRect();
    const placed = element.getBoundingClientRect();
    const overlaps = chosen.bottom > placed.top && chosen.top < placed.bottom && chosen.right > placed.left && chosen.left < placed.right;
    if (overlaps && placed.top > window.innerHeight / 2) window.scrollBy({ top: chosen.bottom - placed.top + 16, behavior: "auto" });
  }, [span.top, span.left]);

  return (
    <div ref={bar} className="selection-toolbar" role="toolbar" aria-label={labels.title} style={{ top: span.top, left: span.left }}>
      {!signedIn ? (
        <a href={signInHref}>{labels.signInToAnnotate}</a>
      ) : reattaching ? (
        <button type="button" onClick={() => onBegin("highlighting")}>
          {labels.reattach}
        </button>
      ) : (
        <>
          <button type="button" onClick={() => onBegin("highlighting")}>
            {labels.highlight}
          </button>
          <button type="button" onClick={() => onBegin("classifying")}>
            {labels.claim}
          </button>
          <button type="button" onClick={() => onBegin("questioning")}>
            {labels.question}
          </button>
          <button type="button" onClick={() => onBegin("commenting")}>
            {labels.note}
          </button>
          <span className="swatches" role="radiogroup" aria-label={labels.colour}>
            {PALETTE.map((swatch) => (
              <button
                key={swatch}
                type="button"
                role="radio"
                aria-checked={colour === swatch}
                aria-label={`${labels.colour}: ${labels.colourNames[swatch] ?? swatch}`}
                className="swatch"
                style={{ background: swatch }}
                onClick={() => onColour(swatch)}
              />
            ))}
          </span>
        </>
      )}
    </div>
  );
}
