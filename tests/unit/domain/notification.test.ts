import { describe, expect, it } from "vitest";
import { excerptOf, mentionAtCaret, mentionedNames } from "@/lib/domain/at-mentions";

describe("mentionedNames", () => {
  const names = ["Kim", "Kim Jiwoo", "보라", "Lee"];

  it("finds names after @, Hangul and spaces included, the longest name first", () => {
    expect(mentionedNames("@Kim Jiwoo 보세요 @보라", names).sort()).toEqual(["Kim Jiwoo", "보라"].sort());
    expect(mentionedNames("@kim, see this", names)).toEqual(["Kim"]);
  });

  it("needs a word boundary after the name and none before the @", () => {
    expect(mentionedNames("@Kimberly", names)).toEqual([]);
    expect(mentionedNames("mail lee@Lee.org", names)).toEqual([]);
    expect(mentionedNames("@보라에게", names)).toEqual([]);
    expect(mentionedNames("(@Lee)", names)).toEqual(["Lee"]);
  });

  it("answers each name once, and nothing without an @", () => {
    expect(mentionedNames("@Lee @Lee @Lee", names)).toEqual(["Lee"]);
    expect(mentionedNames("Lee and Kim", names)).toEqual([]);
  });
});

describe("mentionAtCaret", () => {
  it("is the text after the @ before the caret", () => {
    expect(mentionAtCaret("hello @bo", 9)).toEqual({ start: 6, query: "bo" });
    expect(mentionAtCaret("hello @", 7)).toEqual({ start: 6, query: "" });
  });

  it("is null outside a mention (no @, an address, a new line)", () => {
    expect(mentionAtCaret("hello", 5)).toBeNull();
    expect(mentionAtCaret("me@host", 7)).toBeNull();
    expect(mentionAtCaret("@bo\nnext", 8)).toBeNull();
  });
});

describe("excerptOf", () => {
  it("puts the text on one line and cuts it at 140 code points with an ellipsis", () => {
    expect(excerptOf("a\n\n b")).toBe("a b");
    const long = "가".repeat(200);
    expect([...excerptOf(long)]).toHaveLength(140);
    expect(excerptOf(long).endsWith("…")).toBe(true);
  });
});
