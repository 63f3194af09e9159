"use client";

import { lazy, type ReactNode, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useEscapeLayer } from "@/components/chrome/escape-layers";
import type { NoteLabels } from "@/components/annotations/labels";
import type { DataLabels } from "@/components/agreements/labels";
import { StatusBadge } from "@/components/agreements/StatusBadge";
import type { AgreementRecord } from "@/lib/domain/agreement";
import type { Entity, EntitySummary } from "@/lib/domain/entity";
import type { MentionPlace } from "@/lib/domain/mention-place";
import { apiFetch } from "@/lib/http/client";
import { focusBlock } from "./reveal";

/** Below this width panels are bottom sheets over the text, not columns beside it (see globals.css). */
export const SIDE_BY_SIDE_MIN_WIDTH = 1200;

// The panel's content is a chunk of its own (see EntityPanelBody): fetched when a mention is first
// hovered, focused or opened, never as part of the page's first load.
const loadPanelBody = () => import("./EntityPanelBody");
const EntityPanelBody = lazy(() => loadPanelBody().then((module) => ({ default: module.EntityPanelBody })));

interface PanelData {
  entity: Entity;
  mentions: MentionPlace[];
  record: AgreementRecord | null;
}

function mentionFrom(target: EventTarget | null): HTMLAnchorElement | null {
  return target instanceof Element ? target.closest<HTMLAnchorElement>("a.mention") : null;
}

/**
 * Makes the brief's mention links come alive: hover or focus shows a card; a click opens the
 * entity or record in a side panel without leaving the page (`?entity=<id>` keeps it shareable).
 * Without script the links still go to the entity's own page.
 */
export function MentionLayer({
  summaries,
  labels,
  noteLabels,
  locale,
  briefSlug,
  children,
}: {
  summaries: Record<string, EntitySummary>;
  labels: DataLabels;
  noteLabels: NoteLabels;
  locale: "ko" | "en";
  briefSlug: string;
  children: ReactNode;
}) {
  const [card, setCard] = useState<{ id: string; top: number; left: number } | null>(null);
  const [panelId, setPanelId] = useState<string | null>(null);
  const [panel, setPanel] = useState<PanelData | "loading" | "error" | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const hideTimer = useRef<number | undefined>(undefined);

  const showCard = useCallback((link: HTMLAnchorElement) => {
    window.clearTimeout(hideTimer.current);
    const id = link.dataset.entity;
    if (!id || !summaries[id]) return;
    // A reader who points at a mention may open it next: have its panel's code ready.
    void loadPanelBody();
    const rect = link.getBoundingClientRect();
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - 328));
    setCard({ id, top: rect.bottom + 6, left });
    link.setAttribute("aria-describedby", "mention-card");
  }, [summaries]);

  const hideCard = useCallback(() => {
    window.clearTimeout(hideTimer.current);
    hideTimer.current = window.setTimeout(() => setCard(null), 120);
  }, []);

  const openPanel = useCallback((id: string, from?: HTMLElement | null) => {
    trigger.current = from ?? null;
    setCard(null);
    setPanelId(id);
    const url = new URL(window.location.href);
    url.searchParams.set("entity", id);
    window.history.replaceState(window.history.state, "", url);
  }, []);

  const closePanel = useCallback((options: { restoreFocus?: boolean } = {}) => {
    setPanelId(null);
    const url = new URL(window.location.href);
    url.searchParams.delete("entity");
    window.history.replaceState(window.history.state, "", url);
    if (options.restoreFocus !== false) trigger.current?.focus();
  }, []);

  // A shared link with ?entity=<id> opens the panel on arrival.
  useEffect(() => {
    const id = new URL(window.location.href).searchParams.get("entity");
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reading the URL once, after hydration
    if (id) setPanelId(id);
  }, []);

  useEffect(() => {
    if (!panelId) return;
    let cancelled = false;
    void loadPanelBody(); // the code, while the data is fetched
    // eslint-disable-next-line react-hooks/set-state-in-effect -- shows the loading state for a new fetch
    setPanel("loading");
    const summary = summaries[panelId];
    Promise.all([
      apiFetch<{ entity: Entity; mentions: MentionPlace[] }>(`/api/entities/${encodeURIComponent(panelId)}`),
      summary?.kind === "agreement" || panelId.includes("-jp-")
        ? apiFetch<AgreementRecord>(`/api/agreements/${encodeURIComponent(panelId)}`).catch(() => null) // an entity without a record
        : Promise.resolve(null),
    ])
      .then(([entity, record]) => {
        if (!cancelled) setPanel({ entity: entity.entity, mentions: entity.mentions, record });
      })
      .catch(() => {
        if (!cancelled) setPanel("error");
      });
    return () => {
      cancelled = true;
    };
  }, [panelId, summaries]);

  // Escape closes the card first (it sits on top), then the panel, back to the mention.
  useEscapeLayer(!!panelId, closePanel);
  useEscapeLayer(!!card, () => setCard(null));

  const summary = card ? summaries[card.id] : null;
  // English pages lead with the English name; the other stays beside it, marked with its language.
  const names = (entity: { names: { ko: string; en: string } }, Primary: "strong" | "span") => {
    const [first, second] = locale === "en" ? (["en", "ko"] as const) : (["ko", "en"] as const);
    return (
      <>
        <Primary lang={first}>{entity.names[first]}</Primary> <span lang={second}>{entity.names[second]}</span>
      </>
    );
  };

  return (
    <div
      className={panelId ? "mention-layer with-panel" : "mention-layer"}
      onMouseOver={(event) => {
        const link = mentionFrom(event.target);
        if (link) showCard(link);
      }}
      onMouseOut={(event) => {
        if (mentionFrom(event.target)) hideCard();
      }}
      onFocus={(event) => {
        const link = mentionFrom(event.target);
        if (link) showCard(link);
      }}
      onBlur={(event) => {
        if (mentionFrom(event.target)) hideCard();
      }}
      onClick={(event) => {
        const link = mentionFrom(event.target);
        if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        const id = link.dataset.entity;
        if (!id) return;
        event.preventDefault();
        openPanel(id, link);
      }}
    >
      {children}
      {summary && card && (
        <div id="mention-card" role="tooltip" className="mention-card" style={{ top: card.top, left: card.left }} onMouseOver={() => window.clearTimeout(hideTimer.current)} onMouseOut={hideCard}>
          <p className="mention-card-names">{names(summary, "strong")}</p>
          <p className="mention-card-kind">{labels.entityKinds[summary.kind]}</p>
          <p>{locale === "ko" ? summary.description.ko : summary.description.en}</p>
          {summary.status && (
            <p className="mention-card-status">
              {labels.statusInBrief} <StatusBadge status={summary.status} label={labels.statuses[summary.status]} />
              {summary.currentStatus && summary.currentStatus !== summary.status && (
                <>
                  {" "}
                  {labels.statusInRecord} <StatusBadge status={summary.currentStatus} label={labels.statuses[summary.currentStatus]} />
                </>
              )}
            </p>
          )}
          {summary.discrepancies && summary.discrepancies.length > 0 && (
            <p className="mention-card-discrepancies">
              {summary.discrepancies.map((item, index) => (
                <span key={index} className={`badge discrepancy-${item.severity}`}>
                  ⚠ {labels.discrepancyKinds[item.kind]}
                </span>
              ))}
            </p>
          )}
        </div>
      )}
      {panelId && (
        <aside
          className="side-panel"
          aria-labelledby="side-panel-title"
          onClick={(event) => {
            // A link to a sentence of this brief (the mention list, the events' sentences) jumps
            // within the page, so the panel stays open; as a plain link it would load the brief
            // again without ?entity= and lose the panel.
            if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
            const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[href]") : null;
            if (!link || (link.target && link.target !== "_self")) return;
            const to = new URL(link.href);
            const here = new URL(window.location.href);
            if (!to.hash || to.origin !== here.origin || to.pathname !== here.pathname) return;
            event.preventDefault();
            // On a phone the panel is a sheet over the text: close it, so the sentence is seen.
            const sheet = window.innerWidth < SIDE_BY_SIDE_MIN_WIDTH;
            if (sheet) closePanel({ restoreFocus: false });
            here.hash = to.hash;
            if (sheet) here.searchParams.delete("entity");
            window.location.assign(here.href);
            // The sentence gets focus too, so the keyboard carries on from where the eyes are.
            focusBlock(decodeURIComponent(to.hash.slice(1)));
          }}
        >
          <button type="button" className="side-panel-close" onClick={() => closePanel()} aria-label={labels.closePanel}>
            ×
          </button>
          {panel === "loading" || panel === null ? (
            <p role="status">{labels.loading}</p>
          ) : panel === "error" ? (
            <p role="alert">{labels.loadFailed}</p>
          ) : (
            <Suspense fallback={<p role="status">{labels.loading}</p>}>
              <EntityPanelBody entity={panel.entity} record={panel.record} mentions={panel.mentions} labels={labels} noteLabels={noteLabels} locale={locale} briefSlug={briefSlug} />
            </Suspense>
          )}
        </aside>
      )}
    </div>
  );
}
