/**
 * Wraps the header lines in `<header>` and each `h2` with what follows it in a `<section>`
 * labelled by its heading, so the page has the document's outline in its elements.
 */
import type { Element, ElementContent, Root, RootContent } from "hast";
import type { Plugin } from "unified";

function isHeading2(node: RootContent): boolean {
  return node.type === "element" && node.tagName === "h2";
}

export const rehypeBriefSections: Plugin<[], Root> = function () {
  return (tree) => {
    const header: Element[] = [];
    const out: RootContent[] = [];
    let section: Element | null = null;
    for (const node of tree.children) {
      if (node.type === "element" && isHeading2(node)) {
        const id = String(node.properties.id ?? "");
        const wrapper: Element = {
          type: "element",
          tagName: "section",
          properties: { className: ["brief-section"], ariaLabelledBy: id ? [id] : undefined },
          children: [node],
        };
        out.push(wrapper);
        section = wrapper;
      } else if (section) {
        section.children.push(node as ElementContent);
      } else if (node.type === "element") {
        // Only elements go into the header: the line-break text between them carries nothing.
        header.push(node);
      }
    }
    const wrapper: Element = { type: "element", tagName: "header", properties: { className: ["brief-header"] }, children: header };
    tree.children = header.length ? [wrapper, ...out] : out;
  };
};
