import { toHtml } from "hast-util-to-html";
import { describe, expect, it } from "vitest";
import { noteToHast } from "@/lib/content/note-markdown";

const render = (markdown: string) => toHtml(noteToHast(markdown));

describe("note bodies", () => {
  it("render Markdown", () => {
    expect(render("**중요** 근거: [MOFA](https://www.mofa.go.jp/)")).toBe('<p><strong>중요</strong> 근거: <a href="https://www.mofa.go.jp/">MOFA</a></p>');
  });

  it.each([
    ["<script>alert(1)</script>", /<script/i],
    ['<img src=x onerror="alert(1)">', /onerror|<img/i],
    ["[click](javascript:alert(1))", /javascript:/i],
    ['<a href="javascript:alert(1)">x</a>', /javascript:|<a /i],
    ["<iframe src=//evil.example></iframe>", /<iframe/i],
    ['[x](JaVaScRiPt:alert(1) "t")', /javascript:/i],
    ["<svg onload=alert(1)>", /<svg|onload/i],
  ])("render %s inert", (markdown, forbidden) => {
    expect(render(markdown)).not.toMatch(forbidden);
  });
});
