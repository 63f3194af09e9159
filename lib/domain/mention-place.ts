/** Where entities are mentioned: a block with its spans, as entity pages and the side panel list it. */
import type { BlockKind } from "./brief";

/** A block of one brief that mentions an entity, with the mention's spans in its text. */
export interface BlockMentions {
  sectionId: string;
  sectionTitle: string;
  blockId: string;
  blockKind: BlockKind;
  /** The claim a point belongs to. */
  parentId: string | null;
  text: string;
  /** The mention's spans in the block text (code points). */
  spans: { start: number; end: number; surface: string }[];
}

/** The same block, with the brief it is in: the answer of `GET /api/entities/<id>`. */
export interface MentionPlace extends BlockMentions {
  brief: string;
  briefTitle: string;
}

/**
 * Where each entity is mentioned in one brief, computed once per parse (the pipeline's
 * `remark-mention-index` plugin puts it on `file.data.mentionIndex`).
 */
export interface MentionIndex {
  /** Entity id → the blocks that mention it, in document order. */
  byEntity: ReadonlyMap<string, readonly BlockMentions[]>;
  /** Block id → the entities it mentions, each once, in order of first mention. */
  byBlock: ReadonlyMap<string, readonly string[]>;
}

/** How many times the index's brief mentions the entity. */
export function mentionCount(index: MentionIndex, entityId: string): number {
  return (index.byEntity.get(entityId) ?? []).reduce((sum, place) => sum + place.spans.length, 0);
}
