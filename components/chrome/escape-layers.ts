"use client";

/**
 * Escape closes the topmost thing the reader opened, and only that: a card, the selection, a
 * panel, whichever came last. Each registers while it is open; one listener closes the last one.
 * A modal dialog (the palette, the shortcuts) handles its own Escape and is always on top.
 */
import { useEffect, useRef } from "react";

const layers: { close: () => void }[] = [];
let listening = false;

function onKey(event: KeyboardEvent): void {
  if (event.key !== "Escape" || event.defaultPrevented || layers.length === 0) return;
  if (document.querySelector("dialog[open]")) return;
  event.preventDefault();
  layers[layers.length - 1].close();
}

/** While `open`, Escape (when this is the topmost layer) calls `close`. */
export function useEscapeLayer(open: boolean, close: () => void): void {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  }, [close]);
  useEffect(() => {
    if (!open) return;
    const layer = { close: () => latest.current() };
    layers.push(layer);
    if (!listening) {
      document.addEventListener("keydown", onKey);
      listening = true;
    }
    return () => {
      const at = layers.indexOf(layer);
      if (at >= 0) layers.splice(at, 1);
    };
  }, [open]);
}
