"use client";

import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { describeSpan } from "@/lib/anchoring/describe";
import { type DomBlock, domBlocks, offsetAtPoint, rangeToOffsets } from "@/lib/anchoring/dom/text-offsets";
import type { Annotation, Motivation } from "@/lib/domain/annotation";
import type { NoteLabels } from "./labels";
import type { NoteDraft } from "./NoteForm";
import { clearHighlights, PALETTE, paintHighlights } from "./paint-highlights";
import { isProblem, useAnnotations, useSession } from "./use-annotations";

// The notes panel and the note form (with the Markdown renderer the notes need) are chunks of their
// own: fetched when a reader shows intent — selects text, points at or focuses the notes button —
// or opens the panel, never as part of the page's first load.
const loadPanel = () => import("./NotesPanel");
const loadForm = () => import("./NoteForm");
const NotesPanel = lazy(() => loadPanel().then((module) => ({ default: module.NotesPanel })));
const NoteForm = lazy(() => loadForm().then((module) => ({ default: module.NoteForm })));
function preloadNotes(): void {
  void loadPanel();
  void loadForm();
}

interface Span {
  start: number;
  end: number;
  blockId: string;
  top: number;
  left: number;
}

type Writing = { kind: "new"; motivation: Motivation; span: Span; quote: string } | { kind: "reply"; parent: Annotation } | { kind: "edit"; annotation: Annotation };

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
}

function splitTags(text: string): string[] {
  return text
    .split(/[,，]/)
    .map((tag) => tag.trim().replace(/^#/, ""))
    .filter(Boolean);
}

/**
 * Highlights and notes on the brief: select text (mouse, touch or keyboard) for a toolbar;
 * highlights are painted without touching the DOM; a notes panel lists everything in document
 * order; shared notes from colleagues arrive by polling. Signed-out readers are invited to sign in.
 */
export function AnnotationLayer({
  brief,
  labels,
  blockEntities,
  entityNames,
}: {
  brief: string;
  labels: NoteLabels;
  /** Entities mentioned in each block, for the entity filter. */
  blockEntities: Record<string, string[]>;
  entityNames: Record<string, string>;
}) {
  const user = useSession();
  const { annotations, create, update } = useAnnotations(brief, !!user);
  const [span, setSpan] = useState<Span | null>(null);
  const [colour, setColour] = useState<string>(PALETTE[0]);
  const [writing, setWriting] = useState<Writing | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [only, setOnly] = useState<Set<string> | null>(null);
  const [focused, setFocused] = useState<Set<string>>(new Set());
  const [reattaching, setReattaching] = useState<Annotation | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const blocks = useRef<DomBlock[]>([]);
  const text = useRef("");

  const article = () => document.querySelector<HTMLElement>("article.brief");

  // The brief's plain text as the DOM renders it: the same text the server anchors against.
  useEffect(() => {
    const root = article();
    if (!root) return;
    blocks.current = domBlocks(root);
    text.current = blocks.current.map((block) => Array.from(block.element.textContent ?? "").slice(0, block.end - block.start).join("")).join("\n");
  }, []);

  useEffect(() => {
    paintHighlights(annotations, blocks.current, focused);
    // Per-section counts for the contents (TableOfContents listens).
    const counts: Record<string, number> = {};
    for (const annotation of annotations) {
      const target = annotation.target;
      if (annotation.parentId || annotation.deleted || !target || !("blockId" in target)) continue;
      const section = document.getElementById(target.blockId)?.closest("section.brief-section")?.querySelector("h2")?.id;
      if (section) counts[section] = (counts[section] ?? 0) + 1;
    }
    window.dispatchEvent(new CustomEvent("annotations:counts", { detail: counts }));
  }, [annotations, focused]);

  useEffect(() => clearHighlights, []);

  // A link with ?note=<id> (a search result) opens the notes panel at that note once the list has
  // it: only that note (a reply: its thread) is shown and its highlight is focused. The URL's
  // fragment has already brought its sentence into view.
  const wantedNote = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (wantedNote.current === undefined) wantedNote.current = new URL(window.location.href).searchParams.get("note");
    const id = wantedNote.current;
    const note = id ? annotations.find((annotation) => annotation.id === id) : undefined;
    if (!note) return;
    wantedNote.current = null;
    const thread = (note.parentId && annotations.find((annotation) => annotation.id === note.parentId)) || note;
    setOnly(new Set([thread.id]));
    setFocused(new Set([thread.id]));
    setPanelOpen(true);
    // The panel's code loads on demand (page weight), so the item may take a moment to exist.
    const select = (tries: number) => {
      const item = document.querySelector<HTMLElement>(`#notes-panel [data-annotation="${CSS.escape(note.id)}"]`);
      if (!item) {
        if (tries < 100) window.setTimeout(() => select(tries + 1), 50);
        return;
      }
      item.classList.add("note-selected");
      item.setAttribute("tabindex", "-1");
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    };
    window.requestAnimationFrame(() => select(0));
  }, [annotations]);

  const readSelection = useCallback(() => {
    const selection = window.getSelection();
    const root = article();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !root) return setSpan(null);
    const range = selection.getRangeAt(0);
    if (!root.contains(range.commonAncestorContainer)) return setSpan(null);
    const offsets = rangeToOffsets(range, blocks.current);
    if (!offsets) return setSpan(null);
    preloadNotes();
    const rect = range.getBoundingClientRect();
    // Above the selection, or below it near the top; always inside the window.
    const top = rect.top > 100 ? rect.top - 52 : rect.bottom + 8;
    setSpan({ ...offsets, top: Math.min(window.innerHeight - 60, Math.max(8, top)), left: Math.min(window.innerWidth - 340, Math.max(8, rect.left)) });
  }, []);

  useEffect(() => {
    let timer = 0;
    const onChange = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(readSelection, 150);
    };
    document.addEventListener("selectionchange", onChange);
    // The toolbar is fixed to the window: follow the selection when the page scrolls.
    window.addEventListener("scroll", onChange, { passive: true });
    return () => {
      document.removeEventListener("selectionchange", onChange);
      window.removeEventListener("scroll", onChange);
    };
  }, [readSelection]);

  const targetOf = (chosen: Span) => {
    const { quote, position } = describeSpan(text.current, chosen.start, chosen.end);
    return { blockId: chosen.blockId, quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix }, position: { start: position.start, end: position.end } };
  };

  const save = useCallback(
    async (motivation: Motivation, chosen: Span, draft?: NoteDraft): Promise<string | null> => {
      const result = await create({
        brief,
        motivation,
        visibility: draft?.visibility ?? "private",
        target: targetOf(chosen),
        body: draft?.body ?? "",
        tags: motivation === "tagging" && !draft ? [labels.claim] : splitTags(draft?.tags ?? ""),
        color: colour,
      });
      if (isProblem(result)) return `${result.message}${result.field ? ` (${result.field})` : ""}`;
      setWriting(null);
      return null;
    },
    [brief, colour, create, labels.claim],
  );

  const begin = useCallback(
    (motivation: Motivation) => {
      if (!span) return;
      // The selection has done its job: clear it now, not after the save, so that a reader who
      // selects the next passage while this one saves keeps that new selection.
      window.getSelection()?.removeAllRanges();
      setSpan(null);
      if (reattaching) {
        void update(reattaching, { target: targetOf(span) }).then((result) => {
          if (isProblem(result)) setMessage(`${labels.saveFailed}: ${result.message}`);
          setReattaching(null);
          setSpan(null);
        });
        return;
      }
      if (motivation === "highlighting" || motivation === "tagging") void save(motivation, span).then((problem) => problem && setMessage(`${labels.saveFailed}: ${problem}`));
      else {
        setWriting({ kind: "new", motivation, span, quote: describeSpan(text.current, span.start, span.end).quote.exact });
        setPanelOpen(true);
      }
    },
    [labels.saveFailed, reattaching, save, span, update],
  );

  // Keyboard: h / n on a selection; n on a claim reached with j/k notes the whole claim.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!user || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
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
        const block = blocks.current.find((candidate) => candidate.id === targeted?.id);
        if (block) {
          event.preventDefault();
          setWriting({
            kind: "new",
            motivation: "commenting",
            span: { start: block.start, end: block.end, blockId: block.id, top: 0, left: 0 },
            quote: describeSpan(text.current, block.start, block.end).quote.exact,
          });
          setPanelOpen(true);
        }
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [begin, span, user]);

  // A click on highlighted text lists the notes there, however many overlap.
  useEffect(() => {
    const root = article();
    if (!root) return;
    const onClick = (event: MouseEvent) => {
      if ((event.target as Element).closest("a") || !window.getSelection()?.isCollapsed) return;
      const offset = offsetAtPoint(event.clientX, event.clientY, blocks.current);
      if (offset === null) return;
      const here = annotations.filter((annotation) => {
        const target = annotation.target;
        return !annotation.deleted && annotation.anchor?.status !== "orphaned" && target && "position" in target && target.position.start <= offset && offset < target.position.end;
      });
      if (here.length === 0) return;
      setOnly(new Set(here.map((annotation) => annotation.id)));
      setFocused(new Set(here.map((annotation) => annotation.id)));
      setPanelOpen(true);
    };
    root.addEventListener("click", onClick);
    return () => root.removeEventListener("click", onClick);
  }, [annotations]);

  const entitiesOf = useCallback(
    (annotation: Annotation): string[] => {
      const target = annotation.target;
      if (!target) return [];
      if ("entityId" in target) return [target.entityId];
      return blocks.current
        .filter((block) => block.end > target.position.start && block.start < target.position.end)
        .flatMap((block) => blockEntities[block.id] ?? []);
    },
    [blockEntities],
  );

  const visible = useMemo(() => annotations.filter((annotation) => !annotation.deleted || annotation.author.id === user?.id), [annotations, user]);

  if (user === undefined) return null;

  return (
    <>
      {span && (
        <div className="selection-toolbar" role="toolbar" aria-label={labels.title} style={{ top: span.top, left: span.left }}>
          {user ? (
            <>
              {reattaching ? (
                <button type="button" onClick={() => begin("highlighting")}>
                  {labels.reattach}
                </button>
              ) : (
                <>
                  <button type="button" onClick={() => begin("highlighting")}>
                    {labels.highlight}
                  </button>
                  <button type="button" onClick={() => begin("tagging")}>
                    {labels.claim}
                  </button>
                  <button type="button" onClick={() => begin("questioning")}>
                    {labels.question}
                  </button>
                  <button type="button" onClick={() => begin("commenting")}>
                    {labels.note}
                  </button>
                  <span className="swatches" role="radiogroup" aria-label={labels.colour}>
                    {PALETTE.map((swatch) => (
                      <button
                        key={swatch}
                        type="button"
                        role="radio"
                        aria-checked={colour === swatch}
                        aria-label={`${labels.colour} ${swatch}`}
                        className="swatch"
                        style={{ background: swatch }}
                        onClick={() => setColour(swatch)}
                      />
                    ))}
                  </span>
                </>
              )}
            </>
          ) : (
            <a href={`/account?next=${encodeURIComponent(`/briefs/${brief}`)}`}>{labels.signInToAnnotate}</a>
          )}
        </div>
      )}
      {user && (
        <button
          type="button"
          className="notes-toggle"
          aria-expanded={panelOpen}
          aria-controls="notes-panel"
          onPointerEnter={preloadNotes}
          onFocus={preloadNotes}
          onClick={() => setPanelOpen((open) => !open)}
        >
          {labels.open} <span className="notes-count">{visible.filter((annotation) => !annotation.parentId && !annotation.deleted).length}</span>
        </button>
      )}
      {message && (
        <p role="alert" className="notes-message">
          {message}{" "}
          <button type="button" onClick={() => setMessage(null)} aria-label={labels.cancel}>
            ×
          </button>
        </p>
      )}
      {user && panelOpen && (
        <aside id="notes-panel" className="notes-panel" aria-labelledby="notes-panel-title">
          <h2 id="notes-panel-title">{labels.title}</h2>
          <button type="button" className="side-panel-close" onClick={() => setPanelOpen(false)} aria-label={labels.cancel}>
            ×
          </button>
          <Suspense fallback={<p role="status">{labels.loading}</p>}>
            <NotesPanel
              annotations={visible}
              user={user}
              labels={labels}
              only={only}
              entitiesOf={entitiesOf}
              entityNames={entityNames}
              onShowAll={() => {
                setOnly(null);
                setFocused(new Set());
              }}
              actions={{
                focus: (annotation) => {
                  setFocused(new Set([annotation.id]));
                  const target = annotation.target;
                  if (target && "blockId" in target) document.getElementById(target.blockId)?.scrollIntoView({ block: "center" });
                },
                reply: (annotation) => setWriting({ kind: "reply", parent: annotation }),
                edit: (annotation) => setWriting({ kind: "edit", annotation }),
                setDeleted: (annotation, deleted) => void update(annotation, { deleted }),
                setHidden: (annotation, hidden) => void update(annotation, { hidden }),
                reattach: (annotation) => setReattaching(annotation),
              }}
            >
              {writing && (
                <NoteForm
                  key={writing.kind === "new" ? `new-${writing.span.start}-${writing.span.end}` : writing.kind === "reply" ? `reply-${writing.parent.id}` : `edit-${writing.annotation.id}`}
                  labels={labels}
                  storageKey={`note-draft:${brief}:${writing.kind === "new" ? `${writing.span.start}-${writing.span.end}` : writing.kind === "reply" ? `reply-${writing.parent.id}` : `edit-${writing.annotation.id}`}`}
                  quote={writing.kind === "new" ? writing.quote : undefined}
                  initial={writing.kind === "edit" ? { body: writing.annotation.body, tags: writing.annotation.tags.join(", "), visibility: writing.annotation.visibility } : writing.kind === "reply" ? { visibility: writing.parent.visibility } : undefined}
                  onCancel={() => setWriting(null)}
                  onSave={async (draft) => {
                    if (writing.kind === "new") return save(writing.motivation, writing.span, draft);
                    const result =
                      writing.kind === "reply"
                        ? await create({ parentId: writing.parent.id, motivation: "commenting", visibility: draft.visibility, body: draft.body, tags: splitTags(draft.tags) })
                        : await update(writing.annotation, { body: draft.body, tags: splitTags(draft.tags), visibility: draft.visibility });
                    if (isProblem(result)) return `${result.message}${result.field ? ` (${result.field})` : ""}`;
                    setWriting(null);
                    return null;
                  }}
                />
              )}
            </NotesPanel>
          </Suspense>
          <p className="keyboard-hint muted">{labels.keyboardHint}</p>
          <p className="notes-export-link">
            <a href="/account/export">{labels.exportLink}</a>
          </p>
        </aside>
      )}
    </>
  );
}
