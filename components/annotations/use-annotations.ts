"use client";

/**
 * The annotations of a brief the reader may see, and the two writes the UI makes. Its interface
 * is deliberately narrow (a list, `create`, `update`): how the list stays fresh (today a poll,
 * tomorrow server-sent events) and how it is paged are this file's business alone.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Annotation } from "@/lib/domain/annotation";
import { apiFetch } from "@/lib/http/client";

/** Polling interval: a colleague's shared note shows up within this (and the 5 s promise). */
const POLL_MS = 2_500;

export interface AnnotationStore {
  /** Every annotation of the brief the reader may see, their own deleted ones included. */
  annotations: Annotation[];
  /** Saves a new annotation or reply; resolves to it once the server has it, throws `ApiError` otherwise. */
  create: (input: Record<string, unknown>) => Promise<Annotation>;
  /** Changes one (guarded by its version); resolves to the saved annotation, throws `ApiError` otherwise. */
  update: (annotation: Annotation, patch: Record<string, unknown>) => Promise<Annotation | null>;
}

/**
 * The list, kept fresh while the page is visible, with writes that update it from the server's
 * answer (never optimistically: a note is shown as saved only once it is).
 */
export function useAnnotations(brief: string, enabled: boolean): AnnotationStore {
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const etag = useRef<string | null>(null);

  const refresh = useCallback(async () => {
    let next: string | null = etag.current;
    const list = await apiFetch<Annotation[] | null>(
      `/api/annotations?brief=${encodeURIComponent(brief)}&include=deleted`,
      { cache: "no-store", headers: etag.current ? { "if-none-match": etag.current } : {} },
      (headers, status) => {
        if (status === 200) next = headers.get("etag");
      },
    ).catch(() => null); // a failed poll is retried at the next tick
    if (!list) return;
    etag.current = next;
    setAnnotations(list);
  }, [brief]);

  useEffect(() => {
    if (!enabled) return;
    void refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, POLL_MS);
    const onVisible = () => document.visibilityState === "visible" && void refresh();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [enabled, refresh]);

  const create = useCallback(
    async (input: Record<string, unknown>) => {
      const saved = await apiFetch<Annotation>("/api/annotations", { method: "POST", json: input });
      await refresh();
      return saved;
    },
    [refresh],
  );
  const update = useCallback(
    async (annotation: Annotation, patch: Record<string, unknown>) => {
      const saved = await apiFetch<Annotation | null>(`/api/annotations/${annotation.id}`, { method: "PATCH", json: patch, headers: { "if-match": `"${annotation.version}"` } });
      await refresh();
      return saved;
    },
    [refresh],
  );

  return { annotations, create, update };
}
