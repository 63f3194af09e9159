"use client";

/**
 * Mentions by hand, in the reader: with a span of one block selected, an editor links it to an
 * entity ("Link to entity…", a type-ahead over names and aliases) or makes a new entity from it
 * ("New entity…"); on a linked mention, "Unlink" says the span is not that entity and "Change…"
 * links it to another. Each is one request (`POST /api/briefs/<slug>/mentions`), then the page is
 * rendered again from the server.
 */
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { briefArticle, useBriefText } from "@/components/annotations/hooks/use-brief-text";
import { useSelectionSpan } from "@/components/annotations/hooks/use-selection-span";
import { domBlocks, rangeToOffsets } from "@/lib/anchoring/dom/text-offsets";
import type { Entity, EntityInput } from "@/lib/domain/entity";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import type { KnowledgeMessages } from "@/lib/i18n/knowledge-messages";
import { EntityForm } from "./EntityForm";
import { EntityPicker } from "./EntityPicker";
import { forgetEntities } from "./use-entities";

/** A span of one block: where the request says it is (code points into the block's text), and what it reads. */
interface Target {
  blockId: string;
  start: number;
  end: number;
  text: string;
  top: number;
  left: number;
  /** The linked mention it is, when it came from one. */
  mention?: { entityId: string };
}

type Mode = "tools" | "link" | "new";

function locale(): "ko" | "en" {
  return document.documentElement.lang === "en" ? "en" : "ko";
}

/** The block-relative span of a brief-text span, if it lies within one block. */
function inBlock(start: number, end: number, blockId: string): { blockId: string; start: number; end: number } | null {
  const root = briefArticle();
  const block = root ? domBlocks(root).find((candidate) => candidate.id === blockId) : undefined;
  if (!block || start < block.start || end > block.end || end <= start) return null;
  return { blockId, start: start - block.start, end: end - block.start };
}

export function ReaderCurationBody({ brief, words, kindLabels }: { brief: string; words: KnowledgeMessages; kindLabels: Record<string, string> }) {
  const router = useRouter();
  const text = useBriefText();
  const { span, clear } = useSelectionSpan(text, useCallback(() => undefined, []));
  const [target, setTarget] = useState<Target | null>(null);
  const [mode, setMode] = useState<Mode>("tools");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A selection within one block is a target; one across blocks is not (a mention is in one block).
  // The same selection read again (the page scrolled, a field took focus) leaves an open form be.
  const placed = useRef<string | null>(null);
  useEffect(() => {
    if (!span) return;
    const place = inBlock(span.start, span.end, span.blockId);
    const key = place ? `${place.blockId}:${place.start}:${place.end}` : null;
    if (key !== null && key === placed.current) return;
    placed.current = key;
    const selected = window.getSelection()?.toString() ?? "";
    setTarget(place ? { ...place, text: selected.trim(), top: span.top + 48, left: span.left } : null);
    setMode("tools");
    setError(null);
  }, [span]);

  // A click on a linked mention offers to unlink or change it (the side panel opens as well).
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("article.brief a.mention") : null;
      if (!link) return;
      const root = briefArticle();
      if (!root) return;
      const range = document.createRange();
      range.selectNodeContents(link);
      const offsets = rangeToOffsets(range, domBlocks(root));
      const place = offsets && inBlock(offsets.start, offsets.end, offsets.blockId);
      if (!place) return;
      const rect = link.getBoundingClientRect();
      setTarget({ ...place, text: link.textContent ?? "", top: Math.min(window.innerHeight - 60, rect.bottom + 8), left: Math.max(8, Math.min(rect.left, window.innerWidth - 340)), mention: { entityId: link.dataset.entity ?? "" } });
      setMode("tools");
      setError(null);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  const close = useCallback(() => {
    placed.current = null;
    setTarget(null);
    setMode("tools");
    setError(null);
    clear();
  }, [clear]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && target) close();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [target, close]);

  const decide = async (entityId: string | null, make?: Omit<EntityInput, "id"> & { id?: string }) => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      let id = entityId;
      if (make) {
        const made = await apiFetch<EntityInput>("/api/entities", { method: "POST", json: make });
        forgetEntities();
        id = made.id;
      }
      await apiFetch(`/api/briefs/${encodeURIComponent(brief)}/mentions`, { method: "POST", json: { blockId: target.blockId, start: target.start, end: target.end, entityId: id } });
      window.getSelection()?.removeAllRanges();
      close();
      router.refresh();
    } catch (caught) {
      setError(errorText(locale(), caught));
    } finally {
      setBusy(false);
    }
  };

  if (!target) return null;
  const kindLabel = (entity: Entity) => kindLabels[entity.kind] ?? entity.kind;
  // The form and the list are taller than the toolbar: keep them within the window, scrolling inside.
  const top = mode === "tools" ? target.top : Math.max(8, Math.min(target.top, Math.round(window.innerHeight * 0.25)));
  return (
    <div className="curation-toolbar" role="dialog" aria-label={words.mentionTools} style={{ top, left: target.left, maxHeight: `calc(100vh - ${top + 8}px)` }}>
      {mode === "tools" && (
        <div role="toolbar" aria-label={words.mentionTools}>
          {target.mention ? (
            <>
              <button type="button" disabled={busy} onClick={() => void decide(null)}>
                {words.unlink}
              </button>
              <button type="button" onClick={() => setMode("link")}>
                {words.change}
              </button>
            </>
          ) : (
            <>
              <button type="button" onClick={() => setMode("link")}>
                {words.linkToEntity}
              </button>
              <button type="button" onClick={() => setMode("new")}>
                {words.newEntity}
              </button>
            </>
          )}
          <button type="button" className="curation-close" aria-label={words.cancel} onClick={close}>
            ×
          </button>
        </div>
      )}
      {mode === "link" && <EntityPicker words={words} initial={target.mention ? "" : target.text} kindLabel={kindLabel} exclude={target.mention?.entityId} onPick={(entity) => void decide(entity.id)} />}
      {mode === "new" && (
        <EntityForm
          words={words}
          kindLabels={kindLabels}
          initial={{ kind: "concept", names: { ko: target.text, en: "" }, aliases: [target.text] }}
          withId={false}
          busy={busy}
          error={error}
          submitLabel={words.create}
          onSubmit={(draft) => void decide(null, draft)}
          onCancel={close}
        />
      )}
      {mode !== "new" && error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}
