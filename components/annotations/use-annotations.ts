"use client";

/**
 * The annotations of a brief the reader may see, and the two writes the UI makes. Its interface
 * is deliberately narrow (a list, `create`, `update`): how the list stays fresh (server-sent
 * events, a poll as the fallback) and how it is paged are this file's business alone.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import type { Annotation } from "@/lib/domain/annotation";
import { apiFetch } from "@/lib/http/client";
import { refreshInboxSoon } from "@/components/notifications/inbox-events";

/** Polling interval, used only while the live stream is down (a colleague's note within this). */
const POLL_MS = 2_500;
/** A stream that has not said `ready` within this is taken as failed (a proxy that buffers it): poll meanwhile. */
const READY_TIMEOUT_MS = 5_000;
/** After the browser gives up on a stream (it answered with an error), a new one is tried this much later. */
const REOPEN_MS = 10_000;
/** The list's first page: what the notes panel shows before the rest has come. */
const FIRST_PAGE = 100;
/** The pages after it. */
const PAGE = 1000;
/** The changes the stream carries (GET /api/briefs/<slug>/events, docs/api.md). */
const CHANGE_EVENTS = ["created", "changed", "deleted", "reanchored"] as const;

/**
 * A change from the stream applied to the list: a whole annotation replaces the one with its id
 * unless that one is newer (a replayed event carries the current state, never an older one), or
 * joins the list; an id alone (it was deleted, or left the reader's sight) removes it.
 */
export function applyChange(list: Annotation[], data: Annotation | { id: string }): Annotation[] {
  if (!("author" in data)) return list.some((item) => item.id === data.id) ? list.filter((item) => item.id !== data.id) : list;
  const at = list.findIndex((item) => item.id === data.id);
  if (at < 0) return [...list, data];
  if (list[at].version > data.version) return list;
  const next = list.slice();
  next[at] = data;
  return next;
}

/** GET /api/briefs/<slug>/changes (docs/api.md). */
interface BriefChanges {
  position: number;
  changes: { id: number; event: string; data: Annotation | { id: string } }[];
  more: boolean;
}

/** The target of a `Link` header's `rel="next"`, or null. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(^|;)\s*rel="?next"?\s*(;|$)/.test(match[2])) return match[1];
  }
  return null;
}

export interface AnnotationStore {
  /** Every annotation of the brief the reader may see, their own deleted ones included. */
  annotations: Annotation[];
  /** Saves a new annotation or reply; resolves to it once the server has it, throws `ApiError` otherwise. */
  create: (input: Record<string, unknown>) => Promise<Annotation>;
  /** Changes one (guarded by its version); resolves to the saved annotation, throws `ApiError` otherwise. */
  update: (annotation: Annotation, patch: Record<string, unknown>) => Promise<Annotation | null>;
}

/**
 * The list, kept fresh by the brief's live stream (Server-Sent Events): loaded once the stream is
 * ready, then changed by each event; a reconnect resumes after the last event seen, so nothing is
 * missed. Only while the stream is down does it poll. Writes update it from the server's answer
 * (never optimistically: a note is shown as saved only once it is).
 */
export function useAnnotations(brief: string, enabled: boolean): AnnotationStore {
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  // Where the list is up to in the brief's event log: the changes after it are asked for by the poll.
  const position = useRef<number | null>(null);
  // Changes that arrive while a list is loading, applied to each page of it as it comes (a page may predate them).
  const pending = useRef<(Annotation | { id: string })[] | null>(null);

  const apply = useCallback((data: Annotation | { id: string }) => {
    if (pending.current) pending.current.push(data);
    setAnnotations((list) => applyChange(list, data));
  }, []);

  /**
   * Loads the whole list a page at a time: the first page is shown as soon as it comes (a brief
   * with 50,000 notes opens as fast as one with 50), the rest follows in the background, each page
   * a short request that holds no one else up.
   */
  const load = useCallback(async () => {
    const changes: (Annotation | { id: string })[] = [];
    pending.current = changes;
    let loaded: Annotation[] = [];
    let url: string | null = `/api/annotations?brief=${encodeURIComponent(brief)}&include=deleted&limit=${FIRST_PAGE}`;
    let first = true;
    let startedAt: number | null = null;
    try {
      while (url) {
        let next: string | null = null;
        const page: Annotation[] = await apiFetch<Annotation[]>(url, { cache: "no-store" }, (headers) => {
          next = nextLink(headers.get("link"));
          if (first) startedAt = Number(headers.get("annotation-log-position")) || 0;
        });
        loaded = loaded.concat(page);
        // Later pages: larger, fewer requests.
        url = next ? (next as string).replace(/([?&]limit=)\d+/, `$1${PAGE}`) : null;
        // The first page at once; the rest in one go when it has all come (each render of the
        // reader marks every note in the text: one per page made 50,000 notes take a minute),
        // as a transition, so reading and typing come first.
        if (first || !url) {
          const shown = changes.reduce(applyChange, loaded);
          if (first) setAnnotations(shown);
          else startTransition(() => setAnnotations(shown));
        }
        first = false;
      }
      position.current = startedAt;
    } catch {
      // A failed load is tried again at the next tick of the poll (or the stream's next `ready`).
    } finally {
      if (pending.current === changes) pending.current = null;
    }
  }, [brief]);

  /** The poll, while the stream is down: only what changed since the list's position (the whole list if it has none). */
  const refresh = useCallback(async () => {
    if (position.current === null) return load();
    try {
      for (;;) {
        const since: number = position.current ?? 0;
        const answer: BriefChanges = await apiFetch<BriefChanges>(`/api/briefs/${encodeURIComponent(brief)}/changes?since=${since}`, { cache: "no-store" });
        for (const change of answer.changes) apply(change.data);
        position.current = Math.max(since, answer.position);
        if (!answer.more) return;
      }
    } catch {
      // Tried again at the next tick.
    }
  }, [brief, apply, load]);

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let lastEventId: string | null = null;
    let poll: number | undefined;
    let readyTimer: number | undefined;
    let reopenTimer: number | undefined;
    let stopped = false;

    const startPolling = () => {
      if (poll !== undefined) return;
      void refresh();
      poll = window.setInterval(() => document.visibilityState === "visible" && void refresh(), POLL_MS);
    };
    const stopPolling = () => {
      window.clearInterval(poll);
      poll = undefined;
    };
    const open = () => {
      if (stopped) return;
      const query = lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : "";
      const stream = new EventSource(`/api/briefs/${encodeURIComponent(brief)}/events${query}`);
      source = stream;
      readyTimer = window.setTimeout(startPolling, READY_TIMEOUT_MS);
      stream.addEventListener("ready", (event) => {
        window.clearTimeout(readyTimer);
        stopPolling();
        if (event.lastEventId) lastEventId = event.lastEventId;
        // A fresh stream starts now: the list is loaded now. A resumed one has replayed what was missed.
        const { resumed } = JSON.parse(event.data) as { resumed: boolean };
        if (!resumed) void load();
      });
      for (const kind of CHANGE_EVENTS) {
        stream.addEventListener(kind, (event) => {
          if (event.lastEventId) {
            lastEventId = event.lastEventId;
            if (position.current !== null) position.current = Math.max(position.current, Number(event.lastEventId) || 0);
          }
          apply(JSON.parse(event.data) as Annotation | { id: string });
          if (kind === "created") refreshInboxSoon();
        });
      }
      stream.onerror = () => {
        // While CONNECTING the browser retries by itself (with Last-Event-ID); CLOSED means it gave up.
        if (stream.readyState !== EventSource.CLOSED) return;
        window.clearTimeout(readyTimer);
        startPolling();
        reopenTimer = window.setTimeout(open, REOPEN_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      source?.close();
      stopPolling();
      window.clearTimeout(readyTimer);
      window.clearTimeout(reopenTimer);
    };
  }, [enabled, brief, refresh, load, apply]);

  const create = useCallback(
    async (input: Record<string, unknown>) => {
      const saved = await apiFetch<Annotation>("/api/annotations", { method: "POST", json: input });
      apply(saved);
      return saved;
    },
    [apply],
  );
  const update = useCallback(
    async (annotation: Annotation, patch: Record<string, unknown>) => {
      const saved = await apiFetch<Annotation | null>(`/api/annotations/${annotation.id}`, { method: "PATCH", json: patch, headers: { "if-match": `"${annotation.version}"` } });
      if (saved) apply(saved);
      else await refresh();
      return saved;
    },
    [apply, refresh],
  );

  return { annotations, create, update };
}
