/**
 * Editors' decisions over the linker's: a curated span links to its entity, or (entity null)
 * says the span mentions nothing. Either way the linker's mentions that overlap it give way, so
 * a correction never leaves the wrong link beside the right one. Pure; offsets in code points.
 */
import type { Mention } from "@/lib/domain/brief";
import { sliceCodePoints } from "@/lib/text/code-points";

/** A curated decision placed on the revision being linked: code points into a block's text. */
export interface CuratedSpan {
  id: string;
  blockId: string;
  start: number;
  end: number;
  /** Null: "this span is not a mention". */
  entityId: string | null;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * The block's mentions with the curated decisions applied. Curated spans come in the order they
 * were made; of two that overlap, the later stands. A curated link to an entity that no longer
 * exists (`known` says no) is left out, and its span still silences the linker.
 */
export function applyCurated(text: string, linked: Mention[], curated: readonly CuratedSpan[], known: (entityId: string) => boolean): Mention[] {
  if (curated.length === 0) return linked;
  const standing: CuratedSpan[] = [];
  for (const span of curated) {
    for (let i = standing.length - 1; i >= 0; i--) if (overlaps(standing[i], span)) standing.splice(i, 1);
    standing.push(span);
  }
  const kept = linked.filter((mention) => !standing.some((span) => overlaps(span, mention)));
  const added: Mention[] = standing
    .filter((span) => span.entityId !== null && known(span.entityId))
    .map((span) => ({ entityId: span.entityId as string, start: span.start, end: span.end, surface: sliceCodePoints(text, span.start, span.end), source: "curated", id: span.id }));
  return [...kept, ...added].sort((a, b) => a.start - b.start);
}

/** The curated spans by block, each block's in the given order. */
export function curatedByBlock(curated: readonly CuratedSpan[]): Map<string, CuratedSpan[]> {
  const byBlock = new Map<string, CuratedSpan[]>();
  for (const span of curated) {
    const list = byBlock.get(span.blockId) ?? [];
    list.push(span);
    byBlock.set(span.blockId, list);
  }
  return byBlock;
}
