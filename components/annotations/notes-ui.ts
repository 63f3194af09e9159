/**
 * What the notes UI is doing, as one reducer: which colour is chosen, what is being written, whether
 * the panel is open and what it shows, which notes are focused in the text, which orphan is being
 * re-attached, and the last failure. One place for every transition, instead of eight setters
 * called from seven effects.
 */
import type { Annotation, Motivation } from "@/lib/domain/annotation";
import { PALETTE } from "./paint-highlights";

/** A selected span of the brief's text (code points), and where its toolbar goes on screen. */
export interface Span {
  start: number;
  end: number;
  blockId: string;
  top: number;
  left: number;
}

/** What the note form is writing: a new note on a span, a reply, or an edit. */
export type Writing = { kind: "new"; motivation: Motivation; span: Span; quote: string } | { kind: "reply"; parent: Annotation } | { kind: "edit"; annotation: Annotation };

export interface NotesUi {
  colour: string;
  writing: Writing | null;
  panelOpen: boolean;
  /** Show only these in the panel (the notes at a clicked spot, or one linked note). */
  only: Set<string> | null;
  /** Outlined in the text. */
  focused: Set<string>;
  /** An orphan waiting for a new selection. */
  reattaching: Annotation | null;
  message: string | null;
}

export type NotesUiAction =
  | { type: "colour"; colour: string }
  | { type: "write"; writing: Writing }
  | { type: "stopWriting" }
  | { type: "togglePanel" }
  | { type: "closePanel" }
  /** Opens the panel at these notes only, focused in the text. */
  | { type: "showOnly"; ids: string[] }
  | { type: "showAll" }
  | { type: "focus"; id: string }
  | { type: "reattach"; annotation: Annotation | null }
  | { type: "message"; text: string | null };

export const initialNotesUi: NotesUi = {
  colour: PALETTE[0],
  writing: null,
  panelOpen: false,
  only: null,
  focused: new Set(),
  reattaching: null,
  message: null,
};

/** The notes UI's one state machine. */
export function notesUiReducer(state: NotesUi, action: NotesUiAction): NotesUi {
  switch (action.type) {
    case "colour":
      return { ...state, colour: action.colour };
    case "write":
      // The form lives in the panel: writing always shows it.
      return { ...state, writing: action.writing, panelOpen: true };
    case "stopWriting":
      return { ...state, writing: null };
    case "togglePanel":
      return { ...state, panelOpen: !state.panelOpen };
    case "closePanel":
      return { ...state, panelOpen: false };
    case "showOnly":
      return { ...state, only: new Set(action.ids), focused: new Set(action.ids), panelOpen: true };
    case "showAll":
      return { ...state, only: null, focused: new Set() };
    case "focus":
      return { ...state, focused: new Set([action.id]) };
    case "reattach":
      return { ...state, reattaching: action.annotation };
    case "message":
      return { ...state, message: action.text };
  }
}

/** The key a draft is stored under, and the form is keyed by: one per span, reply or edit. */
export function writingKey(writing: Writing): string {
  if (writing.kind === "new") return `${writing.span.start}-${writing.span.end}`;
  return writing.kind === "reply" ? `reply-${writing.parent.id}` : `edit-${writing.annotation.id}`;
}
