/**
 * The PDF converter on PDFs from three generators (Chromium, pdf-lib, LibreOffice): pages of the
 * blocks, furniture, ideographs, and the line-join decisions measured against the known text.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseBrief } from "@/lib/content/pipeline";
import { analyzePdf } from "@/lib/ingest/pdf";
import type { LineJoinRecord } from "@/lib/ingest/pdf-blocks";
import { scoreJoins } from "../../fixtures/ingest/score-joins";
import type { ConvertedBrief } from "@/lib/ingest/types";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "ingest");
const read = (name: string) => new Uint8Array(readFileSync(join(fixtures, name, "input.pdf")));
const known = (name: string) => readFileSync(join(fixtures, name, "known.txt"), "utf8");
const noSpace = (text: string) => text.replace(/\s+/gu, "");

/** Each page's text as pdf.js gives it, without whitespace: the independent truth for `pages`. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const document = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const texts: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    texts.push(noSpace(content.items.map((item) => ("str" in item ? item.str : "")).join("")).normalize("NFKC"));
  }
  await document.destroy();
  return texts;
}

describe.each(["pdf-chromium-brief", "pdf-chromium-keep-all", "pdf-lib-numbered", "pdf-libreoffice"])("PDF %s", (name) => {
  let converted: ConvertedBrief;
  let joins: LineJoinRecord[];
  let texts: string[];
  beforeAll(async () => {
    ({ converted, joins } = await analyzePdf(read(name)));
    texts = await pageTexts(read(name));
  }, 30_000);

  it("gives every block the page where it starts", () => {
    const lines = converted.source.trimEnd().split("\n");
    let checked = 0;
    lines.forEach((line, index) => {
      const page = converted.pages![index];
      expect(page).not.toBeNull();
      const start = noSpace(line.replace(/^[■❍-] /u, "")).slice(0, 10).normalize("NFKC");
      expect(texts[page! - 1], `line ${index + 1} on page ${page}`).toContain(start);
      if (page! >= 2) checked++;
    });
    expect(checked).toBeGreaterThan(name === "pdf-chromium-keep-all" ? 5 : 20);
    expect(converted.pages).toHaveLength(lines.length);
  });

  it("decides at least 95% of the line ends right", () => {
    const score = scoreJoins(joins, known(name));
    const accuracy = score.right / (score.right + score.wrong);
    console.log(`${name}: ${score.right}/${score.right + score.wrong} line ends right (${(accuracy * 100).toFixed(1)}%), ${score.unclear} unclear${score.mistakes.length ? `; wrong: ${score.mistakes.join(", ")}` : ""}`);
    expect(score.right + score.wrong).toBeGreaterThan(20);
    if (name !== "pdf-libreoffice") expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });
});

describe("PDF furniture", () => {
  it("leaves out the running header, the `- n -` page numbers and a two-page contents (Chromium)", async () => {
    const { converted } = await analyzePdf(read("pdf-chromium-brief"));
    const where = (kind: string) => converted.furniture.filter((item) => item.where === kind);
    const pages = (await pageTexts(read("pdf-chromium-brief"))).length;
    // Every page but the cover has the header and a page number.
    expect(where("header").map((item) => item.page)).toEqual(Array.from({ length: pages - 1 }, (_, i) => i + 2));
    expect(new Set(where("header").map((item) => item.text))).toEqual(new Set(["세종연구소 정세와 정책 2025-11"]));
    expect(where("page-number").map((item) => item.text)).toEqual(where("page-number").map((item) => `- ${item.page} -`));
    const contentsPages = [...new Set(where("contents").map((item) => item.page))];
    expect(contentsPages).toEqual([2, 3]);
    expect(where("contents")[0].text).toBe("목 차");
    expect(converted.source).not.toContain("·····");
    expect(converted.source).not.toContain("세종연구소 정세와 정책");
  }, 30_000);

  it("leaves out the header and `n / N` page numbers of a pdf-lib brief", async () => {
    const { converted } = await analyzePdf(read("pdf-lib-numbered"));
    const numbers = converted.furniture.filter((item) => item.where === "page-number");
    expect(numbers.map((item) => item.text)).toEqual(numbers.map((item) => `${item.page} / ${numbers.length}`));
    expect(converted.furniture.filter((item) => item.where === "header").map((item) => item.text)).toEqual(numbers.map(() => "국가안보 이슈브리프"));
  }, 30_000);
});

describe("PDF text", () => {
  it("maps the Kangxi radicals a font emitted to the unified ideographs (⼒ → 力)", async () => {
    const raw = (await pageTexts(read("pdf-lib-numbered"))).join("");
    // pageTexts applies NFKC; read the raw glyph stream for the radical itself.
    const document = await getDocument({ data: read("pdf-lib-numbered"), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
    let radicals = "";
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      radicals += content.items.map((item) => ("str" in item ? item.str : "")).join("").replace(/[^\u2F00-\u2FDF]/gu, "");
    }
    await document.destroy();
    expect(radicals).toContain("⼒");
    expect(raw).toContain("協力");
    const { converted } = await analyzePdf(read("pdf-lib-numbered"));
    expect(converted.source).toContain("安全保障協力の強化");
    expect(converted.source).not.toMatch(/[\u2F00-\u2FDF]/u);
  }, 30_000);

  it("keeps Japanese kanji and kana as written, with the katakana middle dot", async () => {
    const { converted } = await analyzePdf(read("pdf-chromium-brief"));
    expect(converted.source).toContain("(国際社会の平和と安定のためのパートナーとの外交・安全保障協力の強化)");
    expect(converted.source).toContain("동맹국·동지국(同志国)과의");
  }, 30_000);

  it("infers the spaces of a PDF that has no space characters", async () => {
    const bytes = read("pdf-lib-numbered");
    const { converted } = await analyzePdf(bytes);
    const blocks = parseBrief(converted.source).document.sections.flatMap((section) => section.blocks);
    const knownBlocks = parseBrief(known("pdf-lib-numbered")).document.sections.flatMap((section) => section.blocks);
    const same = blocks.filter((block, index) => block.text === knownBlocks[index]?.text).length;
    expect(same / knownBlocks.length).toBeGreaterThanOrEqual(0.95);
  }, 30_000);
});
