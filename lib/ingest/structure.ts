/**
 * The structure Markdown and DOCX share (headings, paragraphs, nested lists, tables) and the one
 * mapping from it to the outline, so both formats follow the same rules: the title is the first
 * heading when it stands alone at the top level (else the metadata's title); the shallowest
 * remaining headings are sections and deeper ones claims; paragraphs and first-level list items
 * are claims, deeper items points; before the first section, short lines are byline and labels.
 */
import { cleanUnitText } from "./text";
import type { Outline, OutlineItem, OutlineProblem } from "./outline";
import type { IngestMetadata } from "./types";

export type StructureNode =
  | { type: "heading"; depth: number; text: string }
  | { type: "paragraph"; text: string }
  | { type: "list"; items: StructureListItem[] }
  | { type: "table"; rows: string[][] };

export interface StructureListItem {
  /** The item's own paragraphs (the first is the item; more read as points under it). */
  paragraphs: string[];
  lists: StructureNode[];
}

/** A line that reads as a byline or label: short, no sentence end. */
function isHeaderLine(text: string): boolean {
  const clean = cleanUnitText(text);
  return clean.length > 0 && clean.length <= 40 && !/[.!?。다]$/u.test(clean);
}

/** Maps the shared structure to the outline (see the module comment for the rules). */
export function structureToOutline(nodes: StructureNode[], metadata: IngestMetadata, titleHint?: string): Outline {
  const problems: OutlineProblem[] = [];
  const headings = nodes.filter((node) => node.type === "heading");
  const shallowest = Math.min(...headings.map((heading) => heading.depth));
  let title = titleHint ?? "";
  let rest = nodes;
  const first = nodes[0];
  if (!titleHint && first?.type === "heading" && first.depth === shallowest && headings.filter((heading) => heading.depth === shallowest).length === 1) {
    title = first.text;
    rest = nodes.slice(1);
  } else if (!titleHint && metadata.title) {
    title = metadata.title;
  } else if (!titleHint && first?.type === "heading") {
    title = first.text;
    rest = nodes.slice(1);
  }
  const sectionDepth = Math.min(...rest.filter((node) => node.type === "heading").map((node) => (node as { depth: number }).depth));

  const outline: Outline = { title, labels: [], items: [], problems };
  let seenSection = false;
  const add = (kind: OutlineItem["kind"], text: string) => {
    if (cleanUnitText(text) !== "") outline.items.push({ kind, text });
  };
  const addList = (items: StructureListItem[], level: number) => {
    for (const item of items) {
      item.paragraphs.forEach((text, index) => add(index === 0 && level === 0 ? "claim" : "point", text));
      for (const list of item.lists) if (list.type === "list") addList(list.items, level + 1);
    }
  };
  for (const node of rest) {
    switch (node.type) {
      case "heading":
        if (node.depth === sectionDepth) {
          seenSection = true;
          add("section", node.text);
        } else add("claim", node.text);
        break;
      case "list":
        addList(node.items, 0);
        break;
      case "table":
        // The brief format has no tables: one claim per row, cells joined by " | ".
        problems.push({ item: outline.items.length, message: "A table was flattened to one line per row", rule: "table-flattened" });
        for (const row of node.rows) add("claim", row.map((cell) => cleanUnitText(cell)).join(" | "));
        break;
      case "paragraph":
        if (!seenSection && isHeaderLine(node.text)) {
          // The document's own byline wins over the metadata's author (which is often just a login name).
          if (outline.byline === undefined && outline.labels.length === 0) outline.byline = node.text;
          else outline.labels.push(node.text);
        } else add("claim", node.text);
        break;
    }
  }
  if (outline.byline === undefined && (metadata.author || metadata.affiliation)) {
    outline.byline = [metadata.author, metadata.affiliation].filter(Boolean).join(" ");
  }
  return outline;
}
