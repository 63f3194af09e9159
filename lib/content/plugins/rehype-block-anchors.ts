/**
 * Gives each claim and point a text element of its own (`.brief-block-text`) and, after it,
 * a small `#` link to the block, so a reader can copy a link that lands on one sentence.
 * The link's accessible name is set where it renders, in the reader's language. A block of a
 * converted PDF gets its page ("p. 3") before the text element, outside it: the text element
 * holds exactly the block's text, which anchoring counts on.
 */
import type { Element, ElementContent, Root } from "hast";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";

function hasClass(node: Element, name: string): boolean {
  const value = node.properties.className;
  return Array.isArray(value) && value.includes(name);
}

function anchorTo(id: string): Element {
  return { type: "element", tagName: "a", properties: { className: ["block-anchor"], href: `#${id}` }, children: [{ type: "text", value: "#" }] };
}

function pageMark(page: number): Element {
  return { type: "element", tagName: "span", properties: { className: ["block-page"] }, children: [{ type: "text", value: `p. ${page}` }] };
}

export const rehypeBlockAnchors: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, "element", (node) => {
      if (node.tagName !== "li") return;
      const id = String(node.properties.id ?? "");
      if (!id) return;
      if (hasClass(node, "brief-claim")) {
        const paragraph = node.children.find((child): child is Element => child.type === "element" && child.tagName === "p");
        if (!paragraph) return;
        paragraph.properties.className = ["brief-block-text"];
        paragraph.children.push(anchorTo(id));
      } else if (hasClass(node, "brief-point")) {
        // A point in a tight list holds its text inline; wrap it so it can be styled and marked.
        const firstList = node.children.findIndex((child) => child.type === "element" && child.tagName === "ul");
        const end = firstList === -1 ? node.children.length : firstList;
        const inline = node.children.slice(0, end) as ElementContent[];
        const text: Element = { type: "element", tagName: "span", properties: { className: ["brief-block-text"] }, children: [...inline, anchorTo(id)] };
        node.children = [text, ...node.children.slice(end)];
      }
      // After the text element is made, so the page mark stays outside it.
      const page = Number(node.properties.dataPage);
      if (page >= 1) node.children.unshift(pageMark(page));
    });
  };
};
