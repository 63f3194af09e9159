/**
 * Puts on each claim and point the page of the original on which it starts, for briefs converted
 * from a PDF: the converter says, line by line of the brief text, which page each unit came from
 * (lib/ingest). The page goes on the unit (and so into the model) and on the element as
 * `data-page`, where the block-anchors plugin shows it as "p. 3".
 */
import type { Root } from "mdast";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import "../mdast-brief";

export interface BlockPagesOptions {
  /** For each line of the source (index = line − 1), the page its unit starts on, if known. */
  pages: readonly (number | null)[];
}

export const remarkBlockPages: Plugin<[BlockPagesOptions], Root> = function (options) {
  return (tree) => {
    visit(tree, (node) => {
      const unit = node.data?.briefUnit;
      if (!unit || (unit.kind !== "claim" && unit.kind !== "point")) return;
      const page = options.pages[unit.source.line - 1];
      if (typeof page !== "number" || page < 1) return;
      unit.page = page;
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, dataPage: page } };
    });
  };
};
