"use client";

/** The annotating keys: `h` / `n` on a selection; `n` on a claim reached with j/k notes the whole claim. */
import { useEffect } from "react";
import type { Motivation } from "@/lib/domain/annotation";
import type { Span } from "../notes-ui";
import type { BriefDomText } from "./use-brief-text";

/** True while the reader types into a field: keys are theirs then, not shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
}

/** Listens while a signed-in reader is on the page. `noteBlock` writes a note on a whole block. */
export function useAnnotationKeys(options: {
  enabled: boolean;
  span: Span | null;
  begin: (motivation: Motivation) => void;
  noteBlock: (block: { id: string; start: number; end: number }) => void;
  brief: BriefDomText;
}): void {
  const { enabled, span, begin, noteBlock, brief } = options;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (event.key === "h" && span) {
        event.preventDefault();
        begin("highlighting");
      } else if (event.key === "n") {
        if (span) {
          event.preventDefault();
          begin("commenting");
          return;
        }
        const targeted = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
        const block = brief.blocks().find((candidate) => candidate.id === targeted?.id);
        if (block) {
          event.preventDefault();
          noteBlock(block);
        }
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [enabled, span, begin, noteBlock, brief]);
}
