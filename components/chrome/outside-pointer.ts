"use client";

/** A popover (the site menu, the inbox) closes when the reader presses anywhere outside it. */
import { type RefObject, useEffect, useRef } from "react";

/** While `open`, a pointer press outside `root` calls `close`. */
export function useCloseOnOutsidePointer(open: boolean, root: RefObject<HTMLElement | null>, close: () => void): void {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  }, [close]);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) latest.current();
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open, root]);
}
