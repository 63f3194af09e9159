/**
 * Gives every section, claim and point a stable id (see stable-id.ts) and puts it on the
 * element that will render it, so `#<id>` in a URL lands on that unit.
 */
import type { Root } from "mdast";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import "../mdast-brief";
import { createIdAllocator } from "../stable-id";

export const remarkBlockIds: Plugin<[], Root> = function () {
  return (tree) => {
    const allocate = createIdAllocator();
    visit(tree, (node) => {
      const unit = node.data?.briefUnit;
      if (!unit || (unit.kind !== "section" && unit.kind !== "claim" && unit.kind !== "point")) return;
      unit.id = allocate(unit.kind, unit.text);
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: unit.id } };
    });
  };
};
