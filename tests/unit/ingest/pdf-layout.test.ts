/** The pure PDF stages on synthetic pages: spaces from gaps, furniture, blocks and their problems. */
import { describe, expect, it } from "vitest";
import { serializeOutline } from "@/lib/ingest/outline";
import { blocksToOutline } from "@/lib/ingest/pdf-blocks";
import { separateFurniture } from "@/lib/ingest/pdf-furniture";
import { isLetterSpaced, type Line, linesOfPage, type PageText, type TextRun, tidySpaces } from "@/lib/ingest/pdf-lines";

const SIZE = 10;
/** A line of words, each a separate run, with `gap` em between words and none inside them. */
function wordRuns(words: string[], y: number, x = 60, gap = 0.3, size = SIZE): TextRun[] {
  const runs: TextRun[] = [];
  for (const word of words) {
    const width = Array.from(word).length * size;
    runs.push({ text: word, x, y, width, size });
    x += width + gap * size;
  }
  return runs;
}

const page = (number: number, runs: TextRun[]): PageText => ({ number, width: 600, height: 800, runs });

describe("linesOfPage", () => {
  it("infers spaces from gaps, not from glyphs placed side by side", () => {
    const runs = [...wordRuns(["일본의", "준동맹"], 700), { text: "전", x: 60, y: 680, width: 10, size: SIZE }, { text: "략", x: 70.5, y: 680, width: 10, size: SIZE }];
    expect(linesOfPage(page(1, runs)).map((line) => line.text)).toEqual(["일본의 준동맹", "전략"]);
  });

  it("orders lines top to bottom whatever the order of the runs, and maps Kangxi radicals", () => {
    const runs = [...wordRuns(["아래"], 600), ...wordRuns(["協⼒"], 700)];
    expect(linesOfPage(page(1, runs)).map((line) => line.text)).toEqual(["協力", "아래"]);
  });

  it("counts wide gaps (table cells) on a line", () => {
    const runs = [...wordRuns(["항목"], 700, 60), ...wordRuns(["2023년"], 700, 200), ...wordRuns(["발효"], 700, 400)];
    expect(linesOfPage(page(1, runs))[0].wideGaps).toBe(2);
  });
});

describe("tidySpaces and letter-spacing", () => {
  it("removes the spaces word processors' autospace suggests", () => {
    expect(tidySpaces("제 9 조의 1957 년 ( 国 際) 협조 , 군사 ·정치적 RAA 는")).toBe("제9조의 1957년 (国際) 협조, 군사·정치적 RAA는");
  });

  it("recognises a letter-spaced line", () => {
    expect(isLetterSpaced("국 제 정 치 학 적 관 점 에 서")).toBe(true);
    expect(isLetterSpaced("국제정치학적 관점에서 일본의 준동맹")).toBe(false);
  });
});

describe("separateFurniture", () => {
  it("finds a running header, page numbers and a contents page", () => {
    const pages: PageText[] = [];
    for (let n = 1; n <= 4; n++) {
      const runs = [...wordRuns(["정세와", "정책"], 770), ...wordRuns([`- ${n} -`], 30)];
      if (n === 2) {
        runs.push(...wordRuns(["목차"], 700), ...wordRuns(["1. 서론 ········ 3"], 680), ...wordRuns(["2. 본론 ········ 5"], 660), ...wordRuns(["3. 결론 ········ 9"], 640));
      } else runs.push(...wordRuns(["본문", `${n}쪽`], 500));
      pages.push(page(n, runs));
    }
    const { body, furniture } = separateFurniture(pages, pages.map(linesOfPage));
    expect(furniture.filter((item) => item.where === "header").map((item) => item.page)).toEqual([1, 2, 3, 4]);
    expect(furniture.filter((item) => item.where === "page-number").map((item) => item.text)).toEqual(["- 1 -", "- 2 -", "- 3 -", "- 4 -"]);
    expect(furniture.filter((item) => item.where === "contents").map((item) => item.text)).toEqual(["목차", "1. 서론 ········ 3", "2. 본론 ········ 5", "3. 결론 ········ 9"]);
    expect(body.map((lines) => lines.map((line) => line.text))).toEqual([["본문 1쪽"], [], ["본문 3쪽"], ["본문 4쪽"]]);
  });
});

describe("blocksToOutline", () => {
  const line = (page: number, y: number, text: string, options: Partial<Line> = {}): Line => ({
    page,
    text,
    x0: 60,
    x1: options.x1 ?? 540,
    y,
    size: SIZE,
    wideGaps: 0,
    ...options,
  });

  it("makes title, byline, sections by size, claims and points by indent, across a page break", () => {
    const pages: Line[][] = [
      [
        line(1, 760, "보고서 제목", { size: 20, x1: 200 }),
        line(1, 730, "홍길동 연구원", { x1: 160 }),
        line(1, 690, "1. 서론", { size: 14, x1: 120 }),
        line(1, 670, "○ 첫째 주장은 길어서,", { x0: 64 }),
        line(1, 655, "다음 줄로 이어짐.", { x0: 78, x1: 160 }),
        line(1, 635, "- 근거가 되는 내용이 여기에 있고 이 줄은 페이지 끝까", { x0: 78 }),
      ],
      [line(2, 760, "지 이어짐.", { x0: 90, x1: 150 }), line(2, 735, "○ 둘째 주장.", { x0: 64, x1: 160 })],
    ];
    const { outline } = blocksToOutline(pages, undefined);
    const { source, pages: linePages } = serializeOutline(outline);
    expect(source).toBe("보고서 제목\n홍길동 연구원\n■ 1. 서론\n❍ 첫째 주장은 길어서, 다음 줄로 이어짐.\n- 근거가 되는 내용이 여기에 있고 이 줄은 페이지 끝까지 이어짐.\n❍ 둘째 주장.\n");
    expect(linePages).toEqual([1, 1, 1, 1, 1, 2]);
  });

  it("reports a heading with no body, unreadable glyphs and a flattened table, with their pages", () => {
    const pages: Line[][] = [
      [
        line(1, 760, "제목", { size: 20, x1: 100 }),
        line(1, 730, "저자", { x1: 100 }),
        line(1, 690, "■ 빈 섹션", { x1: 120 }),
        line(1, 670, "■ 표", { x1: 120 }),
        line(1, 650, "❍ 항목 2023년 발효", { wideGaps: 2 }),
        line(1, 635, "구분 2024년 서명", { wideGaps: 2 }),
        line(1, 615, "❍ 글자 \uE001 깨짐.", { x1: 200 }),
      ],
    ];
    const { outline } = blocksToOutline(pages, undefined);
    const { problems } = serializeOutline(outline);
    expect(problems.map((problem) => [problem.rule, problem.page])).toEqual([
      ["table-flattened", 1],
      ["unreadable-glyph", 1],
      ["empty-section", 1],
    ]);
  });
});
