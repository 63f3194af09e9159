"use client";

import { useEffect, useRef, useState } from "react";

export interface ReaderKeyLabels {
  title: string;
  nextClaim: string;
  prevClaim: string;
  nextSection: string;
  prevSection: string;
  help: string;
  close: string;
}

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
}

/** Moves to the element, marks it as the URL target and gives it focus for screen readers. */
function goTo(element: Element) {
  // location.replace changes the fragment (so `:target` marks it) without piling up history.
  window.location.replace(`#${element.id}`);
  const focusable = element as HTMLElement;
  if (!focusable.hasAttribute("tabindex")) focusable.setAttribute("tabindex", "-1");
  focusable.focus({ preventScroll: true });
}

function step(selector: string, direction: 1 | -1) {
  const items = Array.from(document.querySelectorAll(selector));
  if (items.length === 0) return;
  const line = 80;
  const current = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  let index = current ? items.findIndex((item) => item === current || item.contains(current)) : -1;
  if (index === -1 && current && !items.some((item) => current.contains(item))) {
    // The target is another kind of block (a claim, when moving between sections): go to the
    // nearest item after (or before) it in the text, not by the scroll position, which may still
    // be moving towards the target.
    const after = (item: Element) => (current.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    const next = direction === 1 ? items.find(after) : items.findLast((item) => !after(item));
    if (next) goTo(next);
    return;
  }
  if (index === -1) {
    // Nothing targeted yet: start from the first item below the top of the window.
    index = items.findIndex((item) => item.getBoundingClientRect().top >= line);
    if (index === -1) index = items.length;
    if (direction === 1) index -= 1;
  }
  const next = items[Math.min(items.length - 1, Math.max(0, index + direction))];
  if (next) goTo(next);
}

/** Keyboard reading: j/k between claims, [ and ] between sections, ? for help. */
export function ReaderKeys({ labels }: { labels: ReaderKeyLabels }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      switch (event.key) {
        case "j":
          step("li.brief-claim", 1);
          break;
        case "k":
          step("li.brief-claim", -1);
          break;
        case "]":
          step("h2.brief-section-title", 1);
          break;
        case "[":
          step("h2.brief-section-title", -1);
          break;
        case "?":
          setOpen((value) => !value);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const rows: [string, string][] = [
    ["j", labels.nextClaim],
    ["k", labels.prevClaim],
    ["]", labels.nextSection],
    ["[", labels.prevSection],
    ["?", labels.help],
  ];
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)}>
      <h2 id="shortcuts-title">{labels.title}</h2>
      <dl>
        {rows.map(([key, label]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{label}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit">{labels.close}</button>
      </form>
    </dialog>
  );
}
