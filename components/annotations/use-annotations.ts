"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Annotation } from "@/lib/domain/annotation";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role?: string;
}

export interface ApiProblem {
  status: number;
  message: string;
  field?: string;
}

/** Polling interval: a colleague's shared note shows up within this (and the 5 s promise). */
const POLL_MS = 2_500;

async function problemOf(response: Response): Promise<ApiProblem> {
  try {
    const body = (await response.json()) as { error?: { message?: string; field?: string }; message?: string };
    return { status: response.status, message: body.error?.message ?? body.message ?? response.statusText, field: body.error?.field };
  } catch {
    return { status: response.status, message: response.statusText };
  }
}

/** The signed-in user (null when signed out; undefined while asking). */
export function useSession(): SessionUser | null | undefined {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    fetch("/api/auth/get-session", { cache: "no-store" })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { user?: SessionUser } | null) => live && setUser(body?.user ?? null))
      .catch(() => live && setUser(null));
    return () => {
      live = false;
    };
  }, []);
  return user;
}

/**
 * The annotations of a brief the user may see, kept fresh by polling while the page is visible,
 * with mutations that update the list from the server's answer (never optimistically: a note is
 * shown as saved only once it is).
 */
export function useAnnotations(brief: string, enabled: boolean) {
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const etag = useRef<string | null>(null);

  const refresh = useCallback(async () => {
    const response = await fetch(`/api/annotations?brief=${encodeURIComponent(brief)}&include=deleted`, {
      cache: "no-store",
      headers: etag.current ? { "if-none-match": etag.current } : {},
    });
    if (response.status === 304 || !response.ok) return;
    etag.current = response.headers.get("etag");
    setAnnotations((await response.json()) as Annotation[]);
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

  const send = useCallback(
    async (url: string, init: RequestInit): Promise<Annotation | ApiProblem> => {
      const response = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init.headers } });
      if (!response.ok) return problemOf(response);
      const saved = response.status === 204 ? null : ((await response.json()) as Annotation);
      await refresh();
      return saved ?? { status: 204, message: "" };
    },
    [refresh],
  );

  const create = useCallback((input: Record<string, unknown>) => send("/api/annotations", { method: "POST", body: JSON.stringify(input) }), [send]);
  const update = useCallback(
    (annotation: Annotation, patch: Record<string, unknown>) =>
      send(`/api/annotations/${annotation.id}`, { method: "PATCH", body: JSON.stringify(patch), headers: { "if-match": `"${annotation.version}"` } }),
    [send],
  );

  return { annotations, create, update, refresh };
}

export function isProblem(value: unknown): value is ApiProblem {
  return typeof value === "object" && value !== null && "status" in value && "message" in value && !("id" in value);
}
