/** The one serializer from outline to brief text: the format's rules in one place. */
import { describe, expect, it } from "vitest";
import { parseBrief } from "@/lib/content/pipeline";
import { serializeOutline } from "@/lib/ingest/outline";

describe("serializeOutline", () => {
  it("writes one unit per line with its marker, and the page of each line", () => {
    const result = serializeOutline({
      title: "제목",
      byline: "저자 소속",
      labels: ["핵심요약"],
      items: [
        { kind: "section", text: "문제의\n제기", page: 2 },
        { kind: "claim", text: "  주장  하나 ", page: 2 },
        { kind: "point", text: "근거", page: 3 },
      ],
      headerPages: { title: 1, byline: 1, labels: [1] },
    });
    expect(result.source).toBe("제목\n저자 소속\n핵심요약\n■ 문제의 제기\n❍ 주장 하나\n- 근거\n");
    expect(result.pages).toEqual([1, 1, 1, 2, 2, 3]);
    expect(result.problems).toEqual([]);
  });

  it("makes a point with no claim above it a claim, and drops empty items", () => {
    const result = serializeOutline({ title: "T", byline: "B", labels: [], items: [{ kind: "section", text: "S" }, { kind: "point", text: "p" }, { kind: "claim", text: " " }] });
    expect(result.source).toBe("T\nB\n■ S\n❍ p\n");
  });

  it("keeps header lines free of markers and gives a placeholder byline, saying so", () => {
    const result = serializeOutline({ title: "■ 제목", labels: ["- 요약"], items: [{ kind: "section", text: "S" }, { kind: "claim", text: "c" }] });
    expect(result.source).toBe("제목\n작성자 미상\n요약\nS".replace("S", "■ S") + "\n❍ c\n");
    expect(result.problems.map((problem) => problem.rule)).toEqual(["marker-in-header", "no-byline", "marker-in-header"]);
    expect(parseBrief(result.source).problems).toEqual([]);
  });

  it("reports what the parser still objects to, on its line", () => {
    const result = serializeOutline({ title: "T", byline: "B", labels: [], items: [{ kind: "section", text: "빈 섹션" }, { kind: "section", text: "S" }, { kind: "claim", text: "c" }] });
    expect(result.problems).toEqual([{ line: 3, message: "Section “빈 섹션” has no claims", rule: "empty-section" }]);
  });

  it("uses the metadata for the byline when the document has none", () => {
    const result = serializeOutline({ title: "T", labels: [], items: [] }, { author: "이기태", affiliation: "세종연구소" });
    expect(result.source).toBe("T\n이기태 세종연구소\n");
  });
});
