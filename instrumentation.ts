/**
 * Runs once when the server starts (Next's instrumentation hook): keeps the library in step with
 * the seed folders while the server runs (a changed content/briefs/<slug>/ is imported within a
 * second; stale anchors are swept), and builds the search index in the background, so the first
 * search does not wait for it; a failure only means the first search builds it instead.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { watchLibrary } = await import("@/lib/services/library-sync");
  watchLibrary();
  const { warmSearch } = await import("@/lib/services/search");
  void warmSearch().catch((error: unknown) => console.warn(`search: warming the index failed (the first search will build it): ${String(error)}`));
}
