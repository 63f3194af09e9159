"use client";

/** The reader's current selection inside the brief, as a span of its text, followed as it changes and as the page scrolls. */
import { useCallback, useEffect, useState } from "react";
import { rangeToOffsets } from "@/lib/anchoring/dom/text-offsets";
import type { Span } from "../notes-ui";
import { type BriefDomText, briefArticle } from "./use-brief-text";

/** Where the toolbar goes: above the selection, or below it near the top; always inside the window. */
function toolbarPlace(rect: DOMRect): { top: number; left: number } {
  const top = rect.top > 100 ? rect.top - 52 : rect.bottom + 8;
  return { top: Math.min(window.innerHeight - 60, Math.max(8, top)), left: Math.min(window.innerWidth - 340, Math.max(8, rect.left)) };
}

/**
 * The selected span (null when nothing in the brief is selected) and a way to forget it. Reading
 * waits for the selection to settle (a drag fires many changes), and `onSelect` is told as soon as
 * there is one, so the note form's code can start loading.
 */
export function useSelectionSpan(brief: BriefDomText, onSelect: () => void): { span: Span | null; clear: () => void } {
  const [span, setSpan] = useState<Span | null>(null);

  const read = useCallback(() => {
    const selection = window.getSelection();
    const root = briefArticle();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !root) return setSpan(null);
    const range = selection.getRangeAt(0);
    if (!root.contains(range.commonAncestorContainer)) return setSpan(null);
    const offsets = rangeToOffsets(range, brief.blocks());
    if (!offsets) return setSpan(null);
    onSelect();
    setSpan({ ...offsets, ...toolbarPlace(range.getBoundingClientRect()) });
  }, [brief, onSelect]);

  useEffect(() => {
    let timer = 0;
    const onChange = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(read, 150);
    };
    document.addEventListener("selectionchange", onChange);
    // A selection made before this code loaded (it is a lazily loaded chunk) counts as well.
    onChange();
    // The toolbar is fixed to the window: follow the selection when the page scrolls.
    window.addEventListener("scroll", onChange, { passive: true });
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener("selectionchange", onChange);
      window.removeEventListener("scroll", onChange);
    };
  }, [read]);

  const clear = useCallback(() => setSpan(null), []);
  return { span, clear };
}
