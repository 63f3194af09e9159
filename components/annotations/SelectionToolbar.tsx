"use client";

/** The toolbar beside a selection: the four kinds of note and a colour, or re-attach, or an invitation to sign in. */
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
  return (
    <div className="selection-toolbar" role="toolbar" aria-label={labels.title} style={{ top: span.top, left: span.left }}>
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
          <button type="button" onClick={() => onBegin("tagging")}>
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
                aria-label={`${labels.colour} ${swatch}`}
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
