/**
 * Line-end decisions in Korean text: examples that need word knowledge, and the accuracy over every
 * possible break of a real brief, each decided with the brief's own vocabulary minus the words
 * the break touches (as in a PDF, where a broken word is never among the unbroken ones).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBrief } from "@/lib/content/pipeline";
import { buildVocabulary, countSpace, countToken, decideJoin, isAttachedChain, joinLines } from "@/lib/ingest/line-join";

const source = readFileSync(join(import.meta.dirname, "..", "..", "..", "content", "briefs", "japan-quasi-alliance", "source.txt"), "utf8");
const blocks = parseBrief(source).document.sections.flatMap((section) => section.blocks.map((block) => block.text));

/** Every break position of the brief's blocks, decided leave-one-out; breaks inside Latin words and numbers are not made by layouts. */
export function simulateBreaks(texts: string[]) {
  const vocabulary = buildVocabulary(texts);
  const result = { inside: { right: 0, total: 0 }, space: { right: 0, total: 0 } };
  for (const text of texts) {
    const tokens = text.split(" ");
    let offset = 0;
    tokens.forEach((token, index) => {
      const chars = Array.from(token);
      const interior = index > 0 && index < tokens.length - 1;
      for (let k = 1; k < chars.length; k++) {
        if (/[A-Za-z0-9\u00C0-\u024F]/u.test(chars[k - 1]) && /[A-Za-z0-9\u00C0-\u024F]/u.test(chars[k])) continue;
        if (interior) countToken(vocabulary, token, -1);
        const decision = decideJoin(text.slice(0, offset) + chars.slice(0, k).join(""), chars.slice(k).join("") + text.slice(offset + token.length), vocabulary);
        if (interior) countToken(vocabulary, token, 1);
        result.inside.total++;
        if (decision.text === "") result.inside.right++;
      }
      if (index < tokens.length - 1) {
        const next = tokens[index + 1];
        const nextInterior = index + 1 < tokens.length - 1;
        if (interior) countToken(vocabulary, token, -1);
        if (nextInterior) countToken(vocabulary, next, -1);
        countSpace(vocabulary, token, next, -1);
        const decision = decideJoin(text.slice(0, offset + token.length), text.slice(offset + token.length + 1), vocabulary);
        if (interior) countToken(vocabulary, token, 1);
        if (nextInterior) countToken(vocabulary, next, 1);
        countSpace(vocabulary, token, next, 1);
        result.space.total++;
        if (decision.text === " ") result.space.right++;
      }
      offset += token.length + 1;
    });
  }
  return result;
}

describe("decideJoin", () => {
  const vocabulary = buildVocabulary(blocks);

  it("joins a word broken before a particle or an ending", () => {
    expect(decideJoin("정보공유(GSOMIA)", "를 넘어", vocabulary).text).toBe("");
    expect(decideJoin("‘국가안보전략’", "에서는 평화롭고", vocabulary).text).toBe("");
    expect(decideJoin("법적 동맹 없", "이, 실질적", vocabulary).text).toBe("");
    expect(decideJoin("영일 RAA", "는 일본이", vocabulary).text).toBe("");
  });

  it("tells `…가⏎속화되고` (one word) from `…보다⏎능동적이고` (two) by the document's vocabulary", () => {
    expect(decideJoin("네트워크를 구축하려는 움직임이 가", "속화되고 있음.", vocabulary).text).toBe("");
    expect(decideJoin("최근에는 보다", "능동적이고 다변화된", vocabulary).text).toBe(" ");
  });

  it("keeps a space after punctuation and between Latin words, none inside Japanese", () => {
    expect(decideJoin("벗어나지 않았으나,", "최근에는", vocabulary).text).toBe(" ");
    expect(decideJoin("(security cooperation", "network)를", vocabulary).text).toBe(" ");
    expect(decideJoin("(国際社会の平和と安定の", "ためのパートナー", vocabulary).text).toBe("");
    expect(decideJoin("다각적·", "다층적", vocabulary).text).toBe("");
  });

  it("keeps a compound's hyphen and drops a hyphenation the document knows the word of", () => {
    const compound = decideJoin("‘준동맹(quasi-", "alliance)’", vocabulary);
    expect(compound.text).toBe("");
    expect(compound.dropHyphen).toBeFalsy();
    const hyphenated = buildVocabulary(["a deterrence b deterrence c"]);
    expect(decideJoin("분산 억제력(deter-", "rence)을", hyphenated)).toMatchObject({ text: "", dropHyphen: true });
  });

  it("attaches counters to numbers and keeps `약⏎10조원`, `할⏎수` apart", () => {
    expect(decideJoin("2+2 회담을 2013", "년부터", vocabulary).text).toBe("");
    expect(decideJoin("일본은", "2025년 8월", vocabulary).text).toBe(" ");
    expect(decideJoin("일본은 약", "10조원 규모의", vocabulary).text).toBe(" ");
    expect(decideJoin("대응할", "수 있는", vocabulary).text).toBe(" ");
  });

  it("reads particle chains, not words that start like one", () => {
    expect(isAttachedChain("에서는")).toBe(true);
    expect(isAttachedChain("하였음")).toBe(true);
    expect(isAttachedChain("이를")).toBe(false);
    expect(isAttachedChain("이들은")).toBe(false);
  });

  it("joins a unit's lines with the decisions", () => {
    expect(joinLines(["움직임이 가", "속화되고 있음."], vocabulary)).toBe("움직임이 가속화되고 있음.");
  });
});

describe("line-join accuracy over every break of the brief", () => {
  it("is at least 95% overall, inside words and at spaces weighted as they occur", () => {
    const { inside, space } = simulateBreaks(blocks);
    const overall = (inside.right + space.right) / (inside.total + space.total);
    console.log(
      `simulated breaks: ${(overall * 100).toFixed(1)}% of ${inside.total + space.total} (inside words ${((inside.right / inside.total) * 100).toFixed(1)}% of ${inside.total}, at spaces ${((space.right / space.total) * 100).toFixed(1)}% of ${space.total})`,
    );
    expect(overall).toBeGreaterThanOrEqual(0.95);
    expect(space.right / space.total).toBeGreaterThanOrEqual(0.9);
  });
});
