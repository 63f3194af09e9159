"use client";

/**
 * Keeps an open page current: asks `GET /api/versions` every few seconds (a 304 while nothing
 * changed) and re-renders the page from the server when the library or the knowledge base moved
 * on, so an editor's change reaches every open reader within seconds, without a reload.
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const EVERY_MS = 3_000;

export function VersionWatch() {
  const router = useRouter();
  useEffect(() => {
    let etag: string | null = null;
    let stopped = false;
    const check = async () => {
      if (document.visibilityState === "hidden") return;
      try {
        const response = await fetch("/api/versions", { headers: etag ? { "if-none-match": etag } : {}, cache: "no-store" });
        const next = response.headers.get("etag");
        if (response.status === 200 && next) {
          if (etag !== null && next !== etag && !stopped) router.refresh();
          etag = next;
        }
      } catch {
        // Offline for a moment: the next check tries again.
      }
    };
    void check();
    const timer = window.setInterval(() => void check(), EVERY_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [router]);
  return null;
}
