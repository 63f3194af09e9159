"use client";

/** Opens the panel at the note a link names (`?note=<id>`, from search or an exported file), once the list has it. */
import { useEffect, useRef } from "react";
import type { Annotation } from "@/lib/domain/annotation";
import type { NotesUiAction } from "../notes-ui";

/** Focuses the panel's item for a note when it exists: the panel's code loads on demand, so it may take a moment. */
export function selectPanelItem(id: string, tries = 0): void {
  const item = document.querySelector<HTMLElement>(`#notes-panel [data-annotation="${CSS.escape(id)}"]`);
  if (!item) {
    if (tries < 100) window.setTimeout(() => selectPanelItem(id, tries + 1), 50);
    return;
  }
  item.classList.add("note-selected");
  item.setAttribute("tabindex", "-1");
  item.focus({ preventScroll: true });
  item.scrollIntoView({ block: "nearest" });
}

/**
 * Only that note (a reply: its thread) is shown and its highlight is focused; the URL's fragment has
 * already brought its sentence into view. Done once per page load.
 */
export function useLinkedNote(annotations: Annotation[], dispatch: React.Dispatch<NotesUiAction>): void {
  const wanted = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (wanted.current === undefined) wanted.current = new URL(window.location.href).searchParams.get("note");
    const id = wanted.current;
    const note = id ? annotations.find((annotation) => annotation.id === id) : undefined;
    if (!note) return;
    wanted.current = null;
    const thread = (note.parentId && annotations.find((annotation) => annotation.id === note.parentId)) || note;
    dispatch({ type: "showOnly", ids: [thread.id] });
    window.requestAnimationFrame(() => selectPanelItem(note.id));
  }, [annotations, dispatch]);
}
