"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { EntityHit, NoteHit, SearchResults, TextHit } from "@/lib/domain/search";
import { apiFetch } from "@/lib/http/client";
import { Highlighted } from "./Highlighted";
import { audienceLabel } from "@/components/annotations/audience";
import type { PaletteProps } from "./palette-types";

/**
 * Results per group in the palette; the /search page shows more. Eight, so that `RAA` lists
 * the agreement type and every partner's record (Japan has five RAAs in the registry).
 */
const LIMIT = 8;
/** Typing pauses this long before a search is sent. */
const DEBOUNCE_MS = 120;

type Group = "text" | "entities" | "notes";
type Option = { key: string; href: string; group: Group } & ({ hit: TextHit } | { hit: EntityHit } | { hit: NoteHit });

/** An entity whose name is what was typed is what the reader wants: its group comes first. */
export function groupOrder(results: SearchResults | null): Group[] {
  const exact = results?.groups.entities.results.some((hit) => hit.match === "exact") ?? false;
  return exact ? ["entities", "text", "notes"] : ["text", "entities", "notes"];
}

function optionsOf(results: SearchResults | null): Option[] {
  if (!results) return [];
  const { text, entities, notes } = results.groups;
  const byGroup: Record<Group, Option[]> = {
    text: text.results.map((hit) => ({ key: `t-${hit.brief}-${hit.id}`, href: hit.href, group: "text" as const, hit })),
    entities: entities.results.map((hit) => ({ key: `e-${hit.id}`, href: hit.href, group: "entities" as const, hit })),
    notes: (notes?.results ?? []).map((hit) => ({ key: `n-${hit.id}`, href: hit.href, group: "notes" as const, hit })),
  };
  return groupOrder(results).flatMap((group) => byGroup[group]);
}

/** A section title short enough for one line of the palette. */
function shortTitle(title: string, max = 24): string {
  const points = Array.from(title);
  return points.length > max ? `${points.slice(0, max - 1).join("")}…` : title;
}

/**
 * The ⌘K palette: a modal dialog with a combobox and a grouped listbox (WAI-ARIA combobox
 * pattern: focus stays in the input, `aria-activedescendant` names the active option). Results
 * come as one types; arrows move, Enter goes there, Escape closes and gives focus back.
 */
export function CommandPalette({ labels, onClose }: PaletteProps) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState("");
  const [results, setResults] = useState<SearchResults | null>(null);
  const [status, setStatus] = useState<"idle" | "loading" | "error">("idle");
  const [active, setActive] = useState(0);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    input.current?.focus();
    return () => element?.close();
  }, []);

  useEffect(() => {
    const query = q.trim();
    if (!query) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- clearing the list as the input empties
      setResults(null);
      setStatus("idle");
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setStatus("loading");
      apiFetch<SearchResults>(`/api/search?q=${encodeURIComponent(query)}&limit=${LIMIT}`, { signal: controller.signal })
        .then((body) => {
          setResults(body);
          setActive(0);
          setStatus("idle");
        })
        .catch((error: unknown) => {
          if ((error as { code?: string }).code !== "aborted") setStatus("error");
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  const options = useMemo(() => optionsOf(results), [results]);
  const optionId = (index: number) => `${id}-option-${index}`;

  const go = useCallback(
    (href: string) => {
      // A real navigation (or a fragment change on this page), not a client-side route change,
      // so that the browser scrolls to the sentence and `:target` marks it.
      const url = new URL(href, window.location.href);
      const samePage = url.pathname === window.location.pathname && url.search === window.location.search;
      window.location.assign(url.href);
      onClose({ restoreFocus: false });
      if (samePage && url.hash) {
        // Same page: only the fragment changed. Focus the sentence too, for keyboard and screen reader users.
        const target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
        if (target) {
          if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
          target.focus({ preventScroll: true });
        }
      }
    },
    [onClose],
  );

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId depends on id only
  }, [active]);

  /** Closes without going anywhere: the dialog first, so focus may leave it, then back to where it was. */
  const dismiss = () => {
    dialog.current?.close();
    onClose({ restoreFocus: true });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (options.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (current + step + options.length) % options.length);
    } else if (event.key === "Home" && options.length > 0 && event.ctrlKey) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === "End" && options.length > 0 && event.ctrlKey) {
      event.preventDefault();
      setActive(options.length - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = options[active];
      if (chosen) go(chosen.href);
      else if (q.trim()) go(`/search?q=${encodeURIComponent(q.trim())}`);
    }
  };

  const titles: Record<Group, string> = { text: labels.groupText, entities: labels.groupEntities, notes: labels.groupNotes };
  const groups = groupOrder(results).map((key) => ({ key, title: titles[key] }));
  const expanded = options.length > 0;
  const listId = `${id}-list`;

  const label = (option: Option, index: number) => {
    if (option.group === "text") {
      const hit = option.hit as TextHit;
      // The section's title once per run of hits in it, shortened: long titles repeated drown the hits.
      const previous = options[index - 1];
      const sameSection = previous?.group === "text" && (previous.hit as TextHit).sectionId === hit.sectionId;
      return (
        <>
          <span className="palette-meta">
            {hit.type === "section" ? labels.section : hit.blockKind === "claim" ? labels.claim : labels.point}
            {hit.type !== "section" && !sameSection && <> · {shortTitle(hit.sectionTitle)}</>}
          </span>
          <span className="palette-snippet" lang="ko">
            <Highlighted snippet={hit.snippet} />
          </span>
        </>
      );
    }
    if (option.group === "entities") {
      const hit = option.hit as EntityHit;
      return (
        <>
          <span className="palette-title">
            <span lang={labels.locale}>{hit.names[labels.locale]}</span>{" "}
            <span className="muted" lang={labels.locale === "ko" ? "en" : "ko"}>
              {hit.names[labels.locale === "ko" ? "en" : "ko"]}
            </span>
          </span>
          <span className="palette-meta">
            {labels.entityKinds[hit.kind] ?? hit.kind} · <Highlighted snippet={hit.snippet} />
          </span>
        </>
      );
    }
    const hit = option.hit as NoteHit;
    return (
      <>
        <span className="palette-snippet">
          <Highlighted snippet={hit.snippet} />
        </span>
        <span className="palette-meta">
          {labels.motivations[hit.motivation]} · <bdi>{hit.author.name}</bdi> · {audienceLabel(hit, labels)}
        </span>
      </>
    );
  };

  return (
    <dialog
      ref={dialog}
      className="palette"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        dismiss();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === dialog.current) dismiss();
      }}
    >
      <div className="palette-box">
        <h2 id={`${id}-title`} className="sr-only">
          {labels.paletteTitle}
        </h2>
        <input
          ref={input}
          className="palette-input"
          type="text"
          role="combobox"
          aria-label={labels.label}
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded ? optionId(active) : undefined}
          placeholder={labels.placeholder}
          value={q}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setQ(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <div id={listId} role="listbox" aria-label={labels.paletteTitle} className="palette-list">
          {groups.map((group) => {
            const members = options.map((option, index) => ({ option, index })).filter(({ option }) => option.group === group.key);
            if (members.length === 0) return null;
            return (
              <div key={group.key} role="group" aria-labelledby={`${id}-${group.key}`} className="palette-group">
                <div id={`${id}-${group.key}`} role="presentation" className="palette-heading">
                  {group.title}
                </div>
                {members.map(({ option, index }) => (
                  <div
                    key={option.key}
                    id={optionId(index)}
                    role="option"
                    aria-selected={index === active}
                    className="palette-option"
                    data-href={option.href}
                    onMouseMove={() => setActive(index)}
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => go(option.href)}
                  >
                    {label(option, index)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        <p className="palette-status" role="status" aria-live="polite">
          {status === "loading"
            ? labels.searching
            : status === "error"
              ? labels.failed
              : !q.trim()
                ? labels.typeToSearch
                : results && options.length === 0
                  ? labels.none
                  : ""}
          {results && !results.groups.notes && ` ${labels.signInForNotes}`}
        </p>
        <p className="palette-footer">
          <span>{labels.paletteHint}</span>
          {q.trim() && <a href={`/search?q=${encodeURIComponent(q.trim())}`}>{labels.allResults}</a>}
        </p>
      </div>
    </dialog>
  );
}
