/** Pages of a converted PDF on blocks: in the model, and beside (never inside) each block's text. */
import type { Element, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { parseBrief } from "@/lib/content/pipeline";

const source = ["제목", "저자 연구소", "■ 첫 절", "❍ 첫 주장은 1쪽에 있음.", "- 근거는 2쪽에서 시작함.", "❍ 둘째 주장도 2쪽임.", ""].join("\n");
const pages = [null, null, 1, 1, 2, 2, null];

function textElements(hast: Root): Element[] {
  const found: Element[] = [];
  visit(hast, "element", (node) => {
    const classes = node.properties.className;
    if (Array.isArray(classes) && classes.includes("brief-block-text")) found.push(node);
  });
  return found;
}

describe("block pages", () => {
  it("puts the page each claim and point starts on into the model", () => {
    const { document } = parseBrief(source, { pages });
    expect(document.sections[0].blocks.map((block) => [block.kind, block.page])).toEqual([
      ["claim", 1],
      ["point", 2],
      ["claim", 2],
    ]);
  });

  it("shows the page beside each block, outside the element that holds exactly the block's text", () => {
    const { document, hast } = parseBrief(source, { pages });
    const texts = textElements(hast).map((element) => toHtml(element));
    expect(texts).toHaveLength(3);
    for (const html of texts) expect(html).not.toContain("block-page");
    const html = toHtml(hast);
    for (const block of document.sections[0].blocks) expect(html).toContain(`id="${block.id}" data-page="${block.page}"><span class="block-page">p. ${block.page}</span>`);
  });

  it("leaves a brief typed in the brief format as it was: no pages, no marks", () => {
    const { document, hast } = parseBrief(source);
    expect(document.sections[0].blocks.every((block) => block.page === undefined)).toBe(true);
    expect(toHtml(hast)).not.toContain("block-page");
  });
});
