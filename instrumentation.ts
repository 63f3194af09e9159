/**
 * Runs once when the server starts (Next's instrumentation hook). Warns when the built app is
 * served without scripts/serve.mjs, and builds the search index in the background, so the first
 * search does not wait for it; a failure only means the first search builds it instead.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.NODE_ENV === "production" && !process.env.BRIEF_READER_SERVE) {
    // `next start` alone passes a client's own X-Forwarded-* through unchecked (docs/security.md).
    console.warn("serve: not started by scripts/serve.mjs (npm start): forwarded headers are not checked, undecodable paths and TRACE answer 500, and a stop is not graceful");
  }
  const { warmSearch } = await import("@/lib/services/search");
  void warmSearch().catch((error: unknown) => console.warn(`search: warming the index failed (the first search will build it): ${String(error)}`));
}
