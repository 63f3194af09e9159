/**
 * Indexes the document's mentions by entity and by block, once per parse, and puts the index on
 * `file.data.mentionIndex`: entity pages, the side panel, search, import and the reader all ask
 * it instead of walking sections → blocks → mentions themselves. Runs after the brief model.
 */
import type { Root } from "mdast";
import type { Plugin } from "unified";
import type { BriefDocument } from "@/lib/domain/brief";
import type { BlockMentions, MentionIndex } from "@/lib/domain/mention-place";

declare module "vfile" {
  interface DataMap {
    mentionIndex: MentionIndex;
  }
}

export const remarkMentionIndex: Plugin<[], Root> = function () {
  return (_tree, file) => {
    const document = file.data.brief;
    if (!document) throw new Error("remark-mention-index runs after remark-brief-model");
    file.data.mentionIndex = indexMentions(document);
  };
};

/** The mention index of a document model. Pure. */
export function indexMentions(document: BriefDocument): MentionIndex {
  const byEntity = new Map<string, BlockMentions[]>();
  const byBlock = new Map<string, string[]>();
  for (const section of document.sections) {
    for (const block of section.blocks) {
      const spans = new Map<string, BlockMentions["spans"]>();
      for (const { entityId, start, end, surface } of block.mentions) {
        let list = spans.get(entityId);
        if (!list) spans.set(entityId, (list = []));
        list.push({ start, end, surface });
      }
      if (spans.size === 0) continue;
      byBlock.set(block.id, [...spans.keys()]);
      for (const [entityId, list] of spans) {
        const place: BlockMentions = { sectionId: section.id, sectionTitle: section.title, blockId: block.id, blockKind: block.kind, parentId: block.parentId, text: block.text, spans: list };
        const places = byEntity.get(entityId);
        if (places) places.push(place);
        else byEntity.set(entityId, [place]);
      }
    }
  }
  return { byEntity, byBlock };
}
