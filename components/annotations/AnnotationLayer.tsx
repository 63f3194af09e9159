"use client";

/**
 * Highlights and notes on the brief, composed from focused hooks around one reducer (notes-ui.ts):
 * the selection (use-selection-span), the painted highlights (use-painted-highlights), clicks on
 * them (use-highlight-clicks), the annotating keys (use-annotation-keys), a linked note
 * (use-linked-note), and the data (use-annotations). Signed-out readers are invited to sign in.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer } from "react";
import { useSession } from "@/components/account/session";
import { useEscapeLayer } from "@/components/chrome/escape-layers";
import { focusBlock, revealElement } from "@/components/reader/reveal";
import { describeSpan } from "@/lib/anchoring/describe";
import type { Annotation, Motivation } from "@/lib/domain/annotation";
import { errorText } from "@/lib/i18n/errors";
import { useAnnotationKeys } from "./hooks/use-annotation-keys";
import { useBriefText } from "./hooks/use-brief-text";
import { useHighlightClicks } from "./hooks/use-highlight-clicks";
import { useLinkedNote } from "./hooks/use-linked-note";
import { usePaintedHighlights } from "./hooks/use-painted-highlights";
import { selectPanelItem } from "./hooks/use-linked-note";
import { useSelectionSpan } from "./hooks/use-selection-span";
import type { NoteLabels } from "./labels";
import { audienceOf } from "./audience";
import type { NoteDraft } from "./NoteForm";
import { NoteMarkers, NotesLegend } from "./NoteMarkers";
import { initialNotesUi, notesUiReducer, type Span, writingKey } from "./notes-ui";
import { PrintControl, PrintedNotes, usePrintChoice } from "./PrintNotes";
import { SelectionToolbar } from "./SelectionToolbar";
import { splitTags } from "./tags";
import { useAnnotations } from "./use-annotations";

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

/** Highlights and notes on the brief: select text for a toolbar; a panel lists everything in document order. */
export function AnnotationLayer({
  brief,
  labels,
  blockEntities,
  blockPages,
  entityNames,
}: {
  brief: string;
  labels: NoteLabels;
  /** Entities mentioned in each block, for the entity filter. */
  blockEntities: Record<string, string[]>;
  /** The page of the original PDF each block starts on (converted briefs only). */
  blockPages?: Record<string, number>;
  entityNames: Record<string, string>;
}) {
  const user = useSession();
  const { annotations, create, update } = useAnnotations(brief, !!user);
  const [ui, dispatch] = useReducer(notesUiReducer, initialNotesUi);
  const text = useBriefText();
  const { span, clear: clearSpan } = useSelectionSpan(text, preloadNotes);
  const failed = useCallback((caught: unknown) => errorText(labels.locale, caught), [labels.locale]);

  const [printChoice, setPrintChoice] = usePrintChoice();
  const draft = ui.writing?.kind === "new" ? ui.writing.span : null;

  usePaintedHighlights(annotations, ui.focused, text, { userId: user?.id, draft });
  useHighlightClicks(annotations, text, dispatch);
  useLinkedNote(annotations, dispatch);
  // Escape: the selection's toolbar first, then the panel (the note form handles its own Escape).
  useEscapeLayer(ui.panelOpen, () => dispatch({ type: "closePanel" }));

  // The passage a note is being written on stays in sight above the form (a bottom sheet on a phone).
  const draftBlock = draft?.blockId;
  useEffect(() => {
    if (!draftBlock) return;
    const frame = window.requestAnimationFrame(() => {
      const element = document.getElementById(draftBlock);
      if (element) revealElement(element);
    });
    return () => window.cancelAnimationFrame(frame);
  }, [draftBlock]);

  const targetOf = useCallback(
    (chosen: { start: number; end: number; blockId: string }) => {
      const { quote, position } = describeSpan(text.text(), chosen.start, chosen.end);
      return { blockId: chosen.blockId, quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix }, position: { start: position.start, end: position.end } };
    },
    [text],
  );

  /**
   * Saves a new annotation on a span; answers the problem's text, or null once saved. Focus goes to
   * the saved note in the panel when there is a form, else back to its sentence in the text.
   */
  const save = useCallback(
    async (motivation: Motivation, chosen: Span, note?: NoteDraft): Promise<string | null> => {
      let saved: Annotation;
      try {
        saved = await create({
          brief,
          motivation,
          ...(note ? audienceOf(note) : { visibility: "private" }),
          target: targetOf(chosen),
          body: note?.body ?? "",
          // "Claim" is a kind of note (W3C `classifying`), not a tag named after the button.
          tags: splitTags(note?.tags ?? ""),
          color: ui.colour,
        });
      } catch (caught) {
        return failed(caught);
      }
      dispatch({ type: "stopWriting" });
      if (note) selectPanelItem(saved.id);
      else document.getElementById(chosen.blockId)?.focus({ preventScroll: true });
      return null;
    },
    [brief, create, failed, targetOf, ui.colour],
  );

  const writeOnSpan = useCallback(
    (motivation: Motivation, chosen: Span) => dispatch({ type: "write", writing: { kind: "new", motivation, span: chosen, quote: describeSpan(text.text(), chosen.start, chosen.end).quote.exact } }),
    [text],
  );

  const begin = useCallback(
    (motivation: Motivation) => {
      if (!span) return;
      // The selection has done its job: clear it now, not after the save, so that a reader who
      // selects the next passage while this one saves keeps that new selection.
      window.getSelection()?.removeAllRanges();
      clearSpan();
      const reattaching = ui.reattaching;
      if (reattaching) {
        update(reattaching, { target: targetOf(span) })
          .catch((caught: unknown) => dispatch({ type: "message", text: `${labels.saveFailed}: ${failed(caught)}` }))
          .finally(() => dispatch({ type: "reattach", annotation: null }));
        return;
      }
      if (motivation === "highlighting" || motivation === "classifying") void save(motivation, span).then((problem) => problem && dispatch({ type: "message", text: `${labels.saveFailed}: ${problem}` }));
      else writeOnSpan(motivation, span);
    },
    [clearSpan, failed, labels.saveFailed, save, span, targetOf, ui.reattaching, update, writeOnSpan],
  );

  const noteBlock = useCallback((block: { id: string; start: number; end: number }) => writeOnSpan("commenting", { start: block.start, end: block.end, blockId: block.id, top: 0, left: 0 }), [writeOnSpan]);
  useAnnotationKeys({ enabled: !!user, span, begin, noteBlock, brief: text });
  useEscapeLayer(!!span, () => {
    window.getSelection()?.removeAllRanges();
    clearSpan();
  });

  const entitiesOf = useCallback(
    (annotation: Annotation): string[] => {
      const target = annotation.target;
      if (!target) return [];
      if ("entityId" in target) return [target.entityId];
      return text.blocks().filter((block) => block.end > target.position.start && block.start < target.position.end).flatMap((block) => blockEntities[block.id] ?? []);
    },
    [blockEntities, text],
  );

  const visible = useMemo(() => annotations.filter((annotation) => !annotation.deleted || annotation.author.id === user?.id), [annotations, user]);

  if (user === undefined) return null;
  const writing = ui.writing;

  return (
    <>
      {span && (
        <SelectionToolbar
          span={span}
          labels={labels}
          signedIn={!!user}
          reattaching={!!ui.reattaching}
          colour={ui.colour}
          signInHref={`/account?next=${encodeURIComponent(typeof window === "undefined" ? `/briefs/${brief}` : `${window.location.pathname}${window.location.search}${window.location.hash}`)}`}
          onBegin={begin}
          onColour={(colour) => dispatch({ type: "colour", colour })}
        />
      )}
      {user && <NoteMarkers annotations={visible} userId={user.id} labels={labels} onOpen={(ids) => dispatch({ type: "showOnly", ids })} />}
      {user && <PrintedNotes annotations={visible} userId={user.id} labels={labels} choice={printChoice} />}
      {user && (
        <button
          type="button"
          className="notes-toggle"
          aria-expanded={ui.panelOpen}
          aria-controls="notes-panel"
          onPointerEnter={preloadNotes}
          onFocus={preloadNotes}
          onClick={() => dispatch({ type: "togglePanel" })}
        >
          {labels.open} <span className="notes-count">{visible.filter((annotation) => !annotation.parentId && !annotation.deleted).length}</span>
        </button>
      )}
      {ui.message && (
        <p role="alert" className="notes-message">
          {ui.message}{" "}
          <button type="button" onClick={() => dispatch({ type: "message", text: null })} aria-label={labels.cancel}>
            ×
          </button>
        </p>
      )}
      {user && ui.panelOpen && (
        <aside id="notes-panel" className="notes-panel" aria-labelledby="notes-panel-title">
          <h2 id="notes-panel-title">{labels.title}</h2>
          <NotesLegend labels={labels} />
          <button type="button" className="side-panel-close" onClick={() => dispatch({ type: "closePanel" })} aria-label={labels.cancel}>
            ×
          </button>
          <Suspense fallback={<p role="status">{labels.loading}</p>}>
            <NotesPanel
              annotations={visible}
              user={user}
              labels={labels}
              only={ui.only}
              entitiesOf={entitiesOf}
              entityNames={entityNames}
              blockPages={blockPages}
              onShowAll={() => dispatch({ type: "showAll" })}
              actions={{
                focus: (annotation) => {
                  dispatch({ type: "focus", id: annotation.id });
                  const target = annotation.target;
                  // The sentence comes into view beside (or above) the panel, and takes focus.
                  if (target && "blockId" in target) focusBlock(target.blockId);
                },
                reply: (annotation) => dispatch({ type: "write", writing: { kind: "reply", parent: annotation } }),
                edit: (annotation) => dispatch({ type: "write", writing: { kind: "edit", annotation } }),
                setDeleted: (annotation, deleted) => void update(annotation, { deleted }).catch(() => undefined),
                setHidden: (annotation, hidden) => void update(annotation, { hidden }).catch(() => undefined),
                reattach: (annotation) => dispatch({ type: "reattach", annotation }),
              }}
            >
              {writing && (
                <NoteForm
                  key={writingKey(writing)}
                  labels={labels}
                  storageKey={`note-draft:${brief}:${writingKey(writing)}`}
                  quote={writing.kind === "new" ? writing.quote : undefined}
                  initial={
                    writing.kind === "edit"
                      ? { body: writing.annotation.body, tags: writing.annotation.tags.join(", "), visibility: writing.annotation.visibility, groupId: writing.annotation.group?.id }
                      : writing.kind === "reply"
                        ? { visibility: writing.parent.visibility, groupId: writing.parent.group?.id }
                        : undefined
                  }
                  parent={writing.kind === "reply" ? { visibility: writing.parent.visibility, group: writing.parent.group } : undefined}
                  onCancel={() => dispatch({ type: "stopWriting" })}
                  onSave={async (draft) => {
                    if (writing.kind === "new") return save(writing.motivation, writing.span, draft);
                    let savedId: string;
                    try {
                      if (writing.kind === "reply") savedId = (await create({ parentId: writing.parent.id, motivation: "commenting", ...audienceOf(draft), body: draft.body, tags: splitTags(draft.tags) })).id;
                      else savedId = (await update(writing.annotation, { body: draft.body, tags: splitTags(draft.tags), ...audienceOf(draft) }))?.id ?? writing.annotation.id;
                    } catch (caught) {
                      return failed(caught);
                    }
                    dispatch({ type: "stopWriting" });
                    selectPanelItem(savedId);
                    return null;
                  }}
                />
              )}
            </NotesPanel>
          </Suspense>
          <p className="keyboard-hint muted">{labels.keyboardHint}</p>
          <PrintControl labels={labels} choice={printChoice} onChoose={setPrintChoice} />
          <p className="notes-export-link">
            <a href="/account/export">{labels.exportLink}</a>
          </p>
        </aside>
      )}
    </>
  );
}
