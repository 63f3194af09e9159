/** Re-anchoring stored highlights on revised versions of the brief. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { briefText } from "@/lib/anchoring/brief-text";
import { matchQuote } from "@/lib/anchoring/match-quote";
import { describeSpan, reanchor } from "@/lib/anchoring/reanchor";
import { sliceCodePoints } from "@/lib/text/code-points";
import { parseBrief } from "@/lib/content/pipeline";

const source = readFileSync(join(import.meta.dirname, "../../../content/briefs/japan-quasi-alliance/source.txt"), "utf8");
const textOf = (input: string) => briefText(parseBrief(input).document).text;
const original = textOf(source);

// A highlight on "2022년 1월 발효된 일호 RAA" in the Australia paragraph.
const highlighted = "2022년 1월 발효된 일호 RAA";
const start = Array.from(original).join("").indexOf(highlighted);
const at = Array.from(original.slice(0, start)).length;
const { quote, position } = describeSpan(original, at, at + Array.from(highlighted).length);

describe("re-anchoring a highlight after the brief is revised", () => {
  it("describes the span with its quote, context and code-point position", () => {
    expect(quote.exact).toBe(highlighted);
    expect(Array.from(quote.prefix)).toHaveLength(32);
    expect(sliceCodePoints(original, position.start, position.end)).toBe(highlighted);
  });

  it("is exact on the same text", () => {
    expect(reanchor(original, quote, position)).toMatchObject({ status: "exact", score: 1 });
  });

  it("is moved when a sentence is inserted before the highlight", () => {
    const revised = textOf(source.replace("■ 문제의 제기\n", "■ 문제의 제기\n❍ 새로 추가된 주장이 하나 있음.\n"));
    const anchor = reanchor(revised, quote, position);
    expect(anchor.status).toBe("moved");
    expect(sliceCodePoints(revised, anchor.start as number, anchor.end as number)).toBe(highlighted);
    expect(anchor.start).toBe(position.start + Array.from("새로 추가된 주장이 하나 있음.\n").length);
  });

  it("is fuzzy, with a score, when the highlighted sentence is lightly edited", () => {
    const revised = textOf(source.replace("2022년 1월 발효된 일호 RAA", "2022년 1월 서명된 일호 RAA"));
    const anchor = reanchor(revised, quote, position);
    expect(anchor.status).toBe("fuzzy");
    expect(anchor.score).toBeGreaterThan(0.75);
    expect(anchor.score).toBeLessThan(1);
    expect(sliceCodePoints(revised, anchor.start as number, anchor.end as number)).toBe("2022년 1월 서명된 일호 RAA");
  });

  it("is orphaned, and keeps its quote, when the highlighted sentence is removed", () => {
    const removed = source.replace(/- 2022년 1월 발효된 일호 RAA[^\n]*\n/, "");
    expect(removed).not.toBe(source);
    const anchor = reanchor(textOf(removed), quote, position);
    expect(anchor).toEqual({ status: "orphaned", score: 0 });
    expect(quote.exact).toBe(highlighted);
  });

  it("uses the context to choose between two identical quotes", () => {
    const text = "앞 문맥 하나 RAA 뒤 하나\n앞 문맥 둘 RAA 뒤 둘";
    const match = matchQuote(text, "RAA", { prefix: "문맥 둘 ", suffix: " 뒤 둘" });
    expect(match?.start).toBe(Array.from(text).indexOf("R", 12));
  });
});
