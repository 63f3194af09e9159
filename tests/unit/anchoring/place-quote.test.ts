/** Placing an incoming quote on the current text: by position, by re-anchoring, or not at all. */
import { describe, expect, it } from "vitest";
import { placeQuote } from "@/lib/anchoring/place-quote";

const text = "일본은 호주와 RAA를 맺었다.\n일본은 영국과도 RAA를 맺었다.";

describe("placeQuote", () => {
  it("takes the position when the quote is there, keeping matching context", () => {
    expect(placeQuote(text, { exact: "호주", prefix: "일본은 ", suffix: "와" }, { start: 4, end: 6 })).toEqual({ start: 4, end: 6, exact: "호주", prefix: "일본은 ", suffix: "와" });
  });

  it("finds the quote by its context when the position is stale or absent", () => {
    const second = placeQuote(text, { exact: "RAA", prefix: "영국과도 ", suffix: "를" }, { start: 0, end: 3 });
    expect(second).toMatchObject({ start: 27, end: 30, exact: "RAA" });
    expect(placeQuote(text, { exact: "영국" })).toMatchObject({ start: 22, end: 24 });
  });

  it("drops context that does not match the text around the placed quote", () => {
    expect(placeQuote(text, { exact: "호주", prefix: "엉뚱한 ", suffix: "와" }, { start: 4, end: 6 })).toEqual({ start: 4, end: 6, exact: "호주", suffix: "와" });
  });

  it("refuses a quote that is not in the text word for word, even if a fuzzy match exists", () => {
    expect(placeQuote(text, { exact: "영국과는 RAA를" })).toBeNull();
    expect(placeQuote(text, { exact: "프랑스" })).toBeNull();
  });

  it("counts code points, not UTF-16 units", () => {
    const emoji = "😀 일본 😀 호주";
    expect(placeQuote(emoji, { exact: "호주" })).toMatchObject({ start: 7, end: 9 });
    expect(placeQuote(emoji, { exact: "호주" }, { start: 7, end: 9 })).toMatchObject({ start: 7, end: 9 });
  });
});
