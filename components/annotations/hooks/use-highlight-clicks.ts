"use client";

/** A click on highlighted text lists the notes there, however many overlap (they share no element to click). */
import { useEffect } from "react";
import { offsetAtPoint } from "@/lib/anchoring/dom/text-offsets";
import type { Annotation } from "@/lib/domain/annotation";
import type { NotesUiAction } from "../notes-ui";
import { type BriefDomText, briefArticle } from "./use-brief-text";

/** The annotations whose span holds a text offset. */
export function annotationsAt(annotations: Annotation[], offset: number): Annotation[] {
  return annotations.filter((annotation) => {
    const target = annotation.target;
    return !annotation.deleted && annotation.anchor?.status !== "orphaned" && target && "position" in target && target.position.start <= offset && offset < target.position.end;
  });
}

/** Listens for plain clicks (not on links, not ending a selection) on the brief. */
export function useHighlightClicks(annotations: Annotation[], brief: BriefDomText, dispatch: React.Dispatch<NotesUiAction>): void {
  useEffect(() => {
    const root = briefArticle();
    if (!root) return;
    const onClick = (event: MouseEvent) => {
      if ((event.target as Element).closest("a") || !window.getSelection()?.isCollapsed) return;
      const offset = offsetAtPoint(event.clientX, event.clientY, brief.blocks());
      if (offset === null) return;
      const here = annotationsAt(annotations, offset);
      if (here.length > 0) dispatch({ type: "showOnly", ids: here.map((annotation) => annotation.id) });
    };
    root.addEventListener("click", onClick);
    return () => root.removeEventListener("click", onClick);
  }, [annotations, brief, dispatch]);
}
