/**
 * Keeps highlights on a brief whose text changed: every stored text anchor that refers to an
 * older revision is placed again with `reanchor()` (exact → moved → fuzzy → orphaned). Orphans
 * are kept, with their quote and last position, never deleted.
 */
import { type BriefText, blockAt } from "@/lib/anchoring/brief-text";
import { reanchor } from "@/lib/anchoring/reanchor";
import { hasStaleAnchors, listStaleAnchors, type NewAnchor, saveAnchors } from "@/lib/db/annotations";
import { db } from "@/lib/database/prisma";

/** Re-anchors the brief's annotations on its current text; returns how many were updated. */
export async function reanchorAnnotations(slug: string, text: BriefText, sha: string): Promise<number> {
  // Runs on every annotation request (another process may have anchored them elsewhere), so
  // the usual answer, "nothing to do", costs two index lookups rather than a scan of the brief.
  if (!(await hasStaleAnchors(db(), { brief: slug, sha }))) return 0;
  const stale = await listStaleAnchors(db(), { brief: slug, sha });
  const anchors: NewAnchor[] = stale.map((stored) => {
    const anchor = reanchor(
      text.text,
      { type: "TextQuoteSelector", ...stored.quote },
      { type: "TextPositionSelector", ...stored.position },
    );
    const placed = anchor.start !== undefined && anchor.end !== undefined;
    return {
      id: stored.id,
      fromSha: stored.anchorSha,
      toSha: sha,
      status: anchor.status,
      score: anchor.score,
      ...(placed ? { start: anchor.start, end: anchor.end, blockId: blockAt(text, anchor.start as number) ?? undefined } : {}),
    };
  });
  return saveAnchors(db(), anchors);
}
