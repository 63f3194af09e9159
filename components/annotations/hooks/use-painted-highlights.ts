"use client";

/** Paints the annotations into the text (CSS Custom Highlight API) and tells the contents how many notes each section has. */
import { useEffect } from "react";
import type { Annotation } from "@/lib/domain/annotation";
import { clearHighlights, type PaintOptions, paintHighlights } from "../paint-highlights";
import type { BriefDomText } from "./use-brief-text";

/** Repaints whenever the list or the focused notes change; clears the paint when the reader leaves. */
export function usePaintedHighlights(annotations: Annotation[], focused: Set<string>, brief: BriefDomText, options: PaintOptions): void {
  const { userId, draft } = options;
  const draftStart = draft?.start;
  const draftEnd = draft?.end;
  useEffect(() => {
    paintHighlights(annotations, brief.blocks(), focused, { userId, draft: draftStart !== undefined && draftEnd !== undefined ? { start: draftStart, end: draftEnd } : null });
    // Per-section counts for the contents (TableOfContents listens).
    const counts: Record<string, number> = {};
    for (const annotation of annotations) {
      const target = annotation.target;
      if (annotation.parentId || annotation.deleted || !target || !("blockId" in target)) continue;
      const section = document.getElementById(target.blockId)?.closest("section.brief-section")?.querySelector("h2")?.id;
      if (section) counts[section] = (counts[section] ?? 0) + 1;
    }
    window.dispatchEvent(new CustomEvent("annotations:counts", { detail: counts }));
  }, [annotations, focused, brief, userId, draftStart, draftEnd]);

  useEffect(() => clearHighlights, []);
}
