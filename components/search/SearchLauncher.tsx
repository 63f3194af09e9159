"use client";

import { type ComponentType, useCallback, useEffect, useRef, useState } from "react";
import type { PaletteLabels, PaletteProps } from "./palette-types";

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
}

/**
 * The ⌘K / Ctrl-K key and the header's button for the command palette. Only this small part is
 * in every page's first load: the palette itself is imported when it is first opened.
 */
export function SearchLauncher({ labels }: { labels: PaletteLabels }) {
  const [Palette, setPalette] = useState<ComponentType<PaletteProps> | null>(null);
  const [open, setOpen] = useState(false);
  const [mac, setMac] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);

  const openPalette = useCallback(() => {
    if (open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
    if (!Palette) {
      void import("./CommandPalette").then((module) => setPalette(() => module.CommandPalette));
    }
  }, [open, Palette]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the platform is known only in the browser, after hydration
    setMac(/Mac|iPhone|iPad/.test(navigator.platform));
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "k" || !(event.metaKey || event.ctrlKey) || event.altKey || event.shiftKey) return;
      // Ctrl-K in a text field of the page is still "search": browsers would otherwise focus their own bar.
      event.preventDefault();
      openPalette();
    };
    const onSlash = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      openPalette();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("keydown", onSlash);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("keydown", onSlash);
    };
  }, [openPalette]);

  const close = useCallback(({ restoreFocus }: { restoreFocus: boolean }) => {
    setOpen(false);
    // Back to where the reader was before the palette opened (not when it jumped elsewhere).
    if (restoreFocus) returnTo.current?.focus({ preventScroll: true });
  }, []);

  return (
    <>
      <button type="button" className="search-launcher" onClick={openPalette} aria-haspopup="dialog" aria-keyshortcuts="Control+K Meta+K /" title={labels.paletteOpen}>
        <span className="sr-only">{labels.paletteOpen}</span>
        <kbd aria-hidden="true">{mac ? "⌘K" : labels.paletteShortcut}</kbd>
        {/* On a phone the box is too narrow for a text field: a magnifier opens the palette. */}
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 20 20">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      {open && Palette && <Palette labels={labels} onClose={close} />}
    </>
  );
}
