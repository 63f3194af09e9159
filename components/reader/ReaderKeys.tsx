"use client";

/**
 * Keyboard reading: j/k between claims, [ and ] between sections; on a focused claim or point,
 * Shift+arrows select words or sentences (then h / n annotate them) and Tab walks its entity links,
 * which are otherwise out of the tab order (a brief has hundreds); ? lists every key.
 */
import { useEffect, useRef, useState } from "react";

export interface ReaderKeyLabels {
  title: string;
  nextClaim: string;
  prevClaim: string;
  nextSection: string;
  prevSection: string;
  help: string;
  close: string;
  selectWord: string;
  selectSentence: string;
  mentions: string;
  highlight: string;
  note: string;
  search: string;
  escape: string;
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

const BLOCK = "li.brief-claim, li.brief-point";

/** The claim or point the keyboard is on: the focused block, or the block of the focused link. */
function focusedBlock(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active.closest("article.brief") ? active.closest<HTMLElement>(BLOCK) : null;
}

/** The block's own text (a claim's text, without its points). */
function ownText(block: Element): HTMLElement | null {
  return block.querySelector<HTMLElement>(":scope > .brief-block-text");
}

/**
 * Selects by keyboard, as caret browsing would: the first Shift+arrow selects from the start of
 * the focused block's text; the next ones extend (or shrink) the selection by a word or a sentence.
 */
function extendSelection(direction: "forward" | "backward", unit: "word" | "sentence"): boolean {
  const selection = window.getSelection() as (Selection & { modify?: (alter: string, direction: string, granularity: string) => void }) | null;
  if (!selection?.modify) return false;
  const article = document.querySelector("article.brief");
  const inBrief = selection.rangeCount > 0 && !selection.isCollapsed && !!article?.contains(selection.getRangeAt(0).commonAncestorContainer);
  if (!inBrief) {
    const block = focusedBlock();
    const text = block && ownText(block);
    if (!text) return false;
    selection.collapse(text, 0);
    if (direction === "backward") return true;
  }
  selection.modify("extend", direction, unit);
  return true;
}

/** Tab and Shift+Tab inside a block: from the block to its links, link to link; past the last, on as usual. */
function roveMentions(event: KeyboardEvent): boolean {
  const active = document.activeElement as HTMLElement | null;
  const block = focusedBlock();
  const text = block && ownText(block);
  if (!active || !block || !text) return false;
  const links = [...text.querySelectorAll<HTMLElement>("a.mention")];
  if (links.length === 0) return false;
  const at = links.indexOf(active);
  let next: HTMLElement | null = null;
  if (active === block) next = event.shiftKey ? null : links[0];
  else if (at >= 0) next = event.shiftKey ? (links[at - 1] ?? block) : (links[at + 1] ?? null);
  if (!next) return false;
  next.focus();
  return true;
}

export function ReaderKeys({ labels }: { labels: ReaderKeyLabels }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  // Mentions and `#` links leave the tab order (the keyboard reaches them through their block);
  // mentions cannot be dragged, so a drag that starts on one selects text, as on any word.
  useEffect(() => {
    for (const link of document.querySelectorAll<HTMLElement>("article.brief a.mention, article.brief a.block-anchor")) {
      link.setAttribute("tabindex", "-1");
      link.setAttribute("draggable", "false");
    }
    // Blocks take focus by script and by click, so the keys above know which one the reader is on.
    for (const block of document.querySelectorAll<HTMLElement>(`article.brief :is(${BLOCK})`)) if (!block.hasAttribute("tabindex")) block.setAttribute("tabindex", "-1");
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (event.key === "Tab") {
        if (roveMentions(event)) event.preventDefault();
        return;
      }
      if (event.shiftKey && event.key.startsWith("Arrow")) {
        const unit = event.key === "ArrowLeft" || event.key === "ArrowRight" ? "word" : "sentence";
        const direction = event.key === "ArrowRight" || event.key === "ArrowDown" ? "forward" : "backward";
        if (extendSelection(direction, unit)) event.preventDefault();
        return;
      }
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

  const rows: [string[], string][] = [
    [["j"], labels.nextClaim],
    [["k"], labels.prevClaim],
    [["]"], labels.nextSection],
    [["["], labels.prevSection],
    [["Shift", "→←"], labels.selectWord],
    [["Shift", "↓↑"], labels.selectSentence],
    [["Tab"], labels.mentions],
    [["h"], labels.highlight],
    [["n"], labels.note],
    [["Ctrl", "K"], labels.search],
    [["/"], labels.search],
    [["Esc"], labels.escape],
    [["?"], labels.help],
  ];
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)}>
      <h2 id="shortcuts-title">{labels.title}</h2>
      <dl>
        {rows.map(([keys, label]) => (
          <div key={keys.join("+")}>
            <dt>
              {keys.map((key, index) => (
                <span key={key}>
                  {index > 0 && "+"}
                  <kbd>{key}</kbd>
                </span>
              ))}
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
