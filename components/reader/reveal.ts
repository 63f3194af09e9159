"use client";

/**
 * Brings a sentence into the part of the window the reader can see (below the sticky bar, above a
 * bottom sheet, beside a side panel) and gives it focus, so that a jump from a panel lands where
 * both eyes and keyboard are.
 */

/** The visible band of the window: below the site bar, above any open bottom sheet. */
export function visibleBand(): { top: number; bottom: number } {
  const bar = document.querySelector(".site-bar")?.getBoundingClientRect().bottom ?? 0;
  let bottom = window.innerHeight;
  for (const panel of document.querySelectorAll<HTMLElement>(".notes-panel, .side-panel")) {
    const box = panel.getBoundingClientRect();
    // A bottom sheet spans the width; a side panel leaves the text column free.
    if (box.width >= window.innerWidth * 0.9 && box.top > bar) bottom = Math.min(bottom, box.top);
  }
  return { top: bar, bottom };
}

/** Scrolls so the element sits in the visible band (its top a little below the bar when it is tall). */
export function revealElement(element: Element, behavior: ScrollBehavior = "auto"): void {
  const band = visibleBand();
  const box = element.getBoundingClientRect();
  const room = band.bottom - band.top;
  const margin = 16;
  let delta = 0;
  if (box.height + 2 * margin > room || box.top < band.top + margin) delta = box.top - (band.top + margin);
  else if (box.bottom > band.bottom - margin) delta = box.bottom - (band.bottom - margin);
  if (delta !== 0) window.scrollBy({ top: delta, behavior });
}

/** Reveals a block of the brief and focuses it (focusable by script only). */
export function focusBlock(id: string): HTMLElement | null {
  const element = document.getElementById(id);
  if (!element) return null;
  if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  element.focus({ preventScroll: true });
  revealElement(element);
  return element;
}
