/**
 * Wraps the header lines in `<header>` and each `h2` with what follows it in a `<section>`
 * labelled by its heading, so the page has the document's outline in its elements.
 */
import type { Element, ElementContent, Root, RootContent } from "hast";
import type { Plugin } from "unified";

function isElement(node: RootContent, tagName: string): node is Element {
  return node.type === "element" && node.tagName === tagName;
}

export const rehypeBriefSections: Plugin<[], Root> = function () {
  return (tree) => {
    const header: ElementContent[] = [];
    const out: RootContent[] = [];
    let section: Element | null = null;
    for (const node of tree.children) {
      if (isElement(node, "h2")) {
        const id = String(node.properties.id ?? "");
        section = {
          type: "element",
          tagName: "section",
          properties: { className: ["brief-section-body"], ariaLabelledBy: id || undefined, dataSectionId: id || undefined },
          children: [node],
        };
        out.push(section);
      } else if (section) {
        section.children.push(node as ElementContent);
      } else if (node.type === "element" || node.type === "text") {
        header.push(node);
      }
    }
    // Whitespace text between header elements is dropped with the rest of the inter-element text.
    const headerElements = header.filter((node) => node.type === "element");
    tree.children = [
      ...(headerElements.length ? [{ type: "element", tagName: "header", properties: { className: ["brief-header"] }, children: headerElements } as Element] : []),
      ...out,
    ];
  };
};
