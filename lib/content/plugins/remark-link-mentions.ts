/**
 * Links every mention of a known entity in claims and points: the mentions go on the unit
 * (and so into the document model), and the text node is split so each mention renders as a
 * link to its entity (`/entities/<id>`) or agreement record (`/agreements/<id>`). Editors'
 * decisions (`curated`) stand over the linker's (linking/curated-mentions.ts).
 */
import type { Link, ListItem, Paragraph, PhrasingContent, Root } from "mdast";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import type { Mention } from "@/lib/domain/brief";
import type { EntityIndex } from "../linking/entity-index";
import { type LinkableBlock, resolveMentions } from "../linking/resolve-mentions";
import { applyCurated, type CuratedSpan, curatedByBlock } from "../linking/curated-mentions";
import { codePointLength } from "@/lib/text/code-points";
import "../mdast-brief";

export interface LinkMentionsOptions {
  index: EntityIndex;
  /** Editors' decisions placed on this text, in the order they were made. */
  curated?: readonly CuratedSpan[];
  /** Whether an entity exists (a curated link to a removed one is dropped); default: in the index. */
  known?: (entityId: string) => boolean;
}

/** Where a mention links to without script: the entity's or the record's own page. */
export function entityHref(entityId: string, index: EntityIndex): string {
  return index.records.has(entityId) ? `/agreements/${entityId}` : `/entities/${entityId}`;
}

function splitIntoLinks(text: string, mentions: Mention[], index: EntityIndex): PhrasingContent[] {
  const chars = Array.from(text);
  const out: PhrasingContent[] = [];
  let at = 0;
  for (const mention of mentions) {
    if (mention.start > at) out.push({ type: "text", value: chars.slice(at, mention.start).join("") });
    const link: Link = {
      type: "link",
      url: entityHref(mention.entityId, index),
      children: [{ type: "text", value: mention.surface }],
      data: { hProperties: { className: ["mention"], dataEntity: mention.entityId, ...(mention.source === "curated" ? { dataSource: "curated", dataMention: mention.id } : {}) } },
    };
    out.push(link);
    at = mention.end;
  }
  if (at < chars.length) out.push({ type: "text", value: chars.slice(at).join("") });
  return out;
}

export const remarkLinkMentions: Plugin<[LinkMentionsOptions], Root> = function (options) {
  return (tree) => {
    const items: ListItem[] = [];
    // A point's parent id: the claim whose list holds it (set by the ids plugin on the claim).
    // One walk finds both (a claim is met before its points).
    const parentOf = new Map<ListItem, string | null>();
    visit(tree, "listItem", (node) => {
      const unit = node.data?.briefUnit;
      if (unit && (unit.kind === "claim" || unit.kind === "point") && unit.id) items.push(node);
      if (unit?.kind !== "claim") return;
      for (const child of node.children) {
        if (child.type !== "list") continue;
        for (const point of child.children) parentOf.set(point, unit.id ?? null);
      }
    });
    const blocks: LinkableBlock[] = items.map((item) => ({
      id: item.data?.briefUnit?.id as string,
      parentId: parentOf.get(item) ?? null,
      text: item.data?.briefUnit?.text as string,
    }));
    const mentions = resolveMentions(blocks, options.index);
    const curated = curatedByBlock(options.curated ?? []);
    const known = options.known ?? (() => true);
    for (const item of items) {
      const unit = item.data?.briefUnit;
      if (!unit?.id) continue;
      const length = codePointLength(unit.text);
      const decisions = (curated.get(unit.id) ?? []).filter((span) => span.start >= 0 && span.start < span.end && span.end <= length);
      const found = applyCurated(unit.text, mentions.get(unit.id) ?? [], decisions, known);
      unit.mentions = found;
      const paragraph = item.children[0] as Paragraph | undefined;
      if (found.length && paragraph?.type === "paragraph") paragraph.children = splitIntoLinks(unit.text, found, options.index);
    }
  };
};
