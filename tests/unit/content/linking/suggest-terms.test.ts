/** Suggested entities: frequent unlinked abbreviations, quoted names and Korean noun phrases, never what is linked, known or dismissed. */
import { describe, expect, it } from "vitest";
import { candidatesIn, looksLikeNoun, stripParticles, suggestTerms, type SuggestionBlock } from "@/lib/content/linking/suggest-terms";

const block = (brief: string, blockId: string, text: string, mentions: { start: number; end: number }[] = []): SuggestionBlock => ({ brief, blockId, text, mentions });

describe("candidates in a text", () => {
  it("finds abbreviations, quoted names and noun phrases with particles taken off", () => {
    const terms = candidatesIn("일본은 필리핀에 OSA를 제공하며 ‘해양 벨트’ 구축을 서두름.").map((item) => `${item.kind}:${item.term}`);
    expect(terms).toEqual(expect.arrayContaining(["abbreviation:OSA", "quoted:해양 벨트", "noun:필리핀"]));
    expect(terms).not.toContain("noun:서두름");
    // A compound of two nouns, the first without a particle.
    expect(candidatesIn("일본의 안보 네트워크를 넓힘.").map((item) => item.term)).toContain("안보 네트워크");
  });

  it("tells nouns from predicates by their endings", () => {
    expect(stripParticles("필리핀과의")).toBe("필리핀");
    expect(stripParticles("RAA를")).toBe("RAA");
    expect(looksLikeNoun("공적안보능력강화지원")).toBe(true);
    expect(looksLikeNoun("가속화되고")).toBe(false);
    expect(looksLikeNoun("체결함")).toBe(false);
    expect(looksLikeNoun("이러한")).toBe(false);
  });

  it("counts offsets in code points", () => {
    const [osa] = candidatesIn("𠀀 OSA");
    expect(osa).toMatchObject({ term: "OSA", start: 2, end: 5 });
  });
});

describe("suggestions across the library", () => {
  const library = [
    block("a", "a1", "일본은 필리핀에 OSA를 제공하고 ‘해양 벨트’를 넓힘."),
    block("a", "a2", "OSA는 공적안보능력강화지원의 약칭이며 해양 벨트 구상의 일부임."),
    block("b", "b1", "호주도 OSA 대상국이 되었고 공적안보능력강화지원이 늘어남. 공적안보능력강화지원 예산."),
    block("b", "b2", "영국과 일본은 RAA를 체결함.", [{ start: 7, end: 10 }]),
    block("b", "b3", "RAA 이후 RAA 협의가 계속됨."),
  ];

  it("lists frequent unlinked terms, most used first, with how many briefs use them", () => {
    const suggestions = suggestTerms(library, { known: new Set(["일본", "필리핀", "호주", "영국"]) });
    const osa = suggestions.find((item) => item.term === "OSA");
    expect(osa).toMatchObject({ kind: "abbreviation", count: 3, briefs: 2, example: { brief: "a", blockId: "a1" } });
    expect(suggestions.find((item) => item.term === "해양 벨트")).toMatchObject({ kind: "quoted", count: 2 });
    expect(suggestions.find((item) => item.term === "공적안보능력강화지원")).toMatchObject({ kind: "noun", count: 3 });
    expect(suggestions.slice(0, 2).map((item) => item.term)).toContain("OSA");
  });

  it("leaves out what is linked where it stands, what an entity already has, and what an editor dismissed", () => {
    const suggestions = suggestTerms(library, { known: new Set(["OSA"]), dismissed: new Set(["해양 벨트"]) });
    const terms = suggestions.map((item) => item.term);
    expect(terms).not.toContain("OSA");
    expect(terms).not.toContain("해양 벨트");
    // Two unlinked uses of RAA remain (the third is a mention): still a suggestion.
    expect(suggestions.find((item) => item.term === "RAA")?.count).toBe(2);
    expect(terms).not.toContain("벨트");
  });
});
