/**
 * Reads the document model off the mdast tree and puts it on `file.data.brief`.
 * Runs after the ids plugin; it only reads the tree.
 */
import type { Root, RootContent } from "mdast";
import type { Plugin } from "unified";
import type { Block, BriefDocument, HeaderLine, Section } from "@/lib/domain/brief";
import type { BriefUnitData } from "../mdast-brief";

export const remarkBriefModel: Plugin<[], Root> = function () {
  return (tree, file) => {
    file.data.brief = modelOf(tree);
  };
};

/** Builds the document model from a parsed and id-stamped tree. Pure. */
export function modelOf(tree: Root): BriefDocument {
  const document: BriefDocument = { title: null, byline: null, labels: [], sections: [], after: tree.data?.briefAfter ?? "" };
  let section: Section | null = null;

  const sectionForBlocks = (): Section => {
    if (section) return section;
    // Blocks before the first `■` get a section of their own so nothing is dropped.
    section = { id: "s-preface", title: "", blocks: [], source: null };
    document.sections.push(section);
    return section;
  };

  const addBlock = (unit: BriefUnitData, parentId: string | null) => {
    if (unit.kind !== "claim" && unit.kind !== "point") return;
    const block: Block = { id: unit.id ?? "", kind: unit.kind, parentId, text: unit.text, mentions: unit.mentions ?? [], ...(unit.page ? { page: unit.page } : {}), source: unit.source };
    sectionForBlocks().blocks.push(block);
    return block;
  };

  const visitTop = (node: RootContent) => {
    const unit = node.data?.briefUnit;
    if (unit) {
      const line: HeaderLine = { text: unit.text, source: unit.source };
      if (unit.kind === "title") document.title = line;
      else if (unit.kind === "byline") document.byline = line;
      else if (unit.kind === "label") document.labels.push(line);
      else if (unit.kind === "section") {
        section = { id: unit.id ?? "", title: unit.text, blocks: [], source: unit.source };
        document.sections.push(section);
      }
      return;
    }
    if (node.type === "list" && node.data?.briefList?.role === "claims") {
      for (const item of node.children) {
        const claimUnit = item.data?.briefUnit;
        if (!claimUnit) continue;
        const claim = addBlock(claimUnit, null);
        for (const child of item.children) {
          if (child.type !== "list") continue;
          for (const pointItem of child.children) {
            const pointUnit = pointItem.data?.briefUnit;
            if (pointUnit) addBlock(pointUnit, claim && claim.kind === "claim" ? claim.id : null);
          }
        }
      }
    }
  };

  tree.children.forEach(visitTop);
  return document;
}
