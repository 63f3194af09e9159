/**
 * The Korean-aware matcher: folding, particles, the word index's match classes and ranking, and
 * search over the real brief and registry (two-syllable words, particles, English aliases, NFD).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadSeedBrief } from "@/lib/content/seed-briefs";
import { loadRegistry } from "@/lib/content/registry";
import type { SearchSnippet } from "@/lib/domain/search";
import { buildContentIndex, type ContentIndex, searchContent } from "@/lib/search/content-index";
import { classify, fold, isParticleChain, MatchClass, stemOf, wordsOf } from "@/lib/search/korean";
import { buildAliasTable, parseQuery } from "@/lib/search/query";
import { matchSpans, snippetOf } from "@/lib/search/snippet";
import { WordIndex, topSlots } from "@/lib/search/word-index";

const SLUG = "japan-quasi-alliance";
let content: ContentIndex;
let blockText: Map<string, string>;

beforeAll(async () => {
  const [brief, registry] = await Promise.all([loadSeedBrief(SLUG), loadRegistry()]);
  content = buildContentIndex({ briefs: [{ slug: SLUG, document: brief.parsed.document, mentions: brief.parsed.mentions }], entities: registry.entities, agreements: registry.agreements });
  blockText = new Map(brief.parsed.document.sections.flatMap((section) => section.blocks).map((block) => [block.id, block.text]));
});

const search = (q: string, limit = 50) => searchContent(content, parseQuery(q, content.aliases), { limit });

/** The marked parts of a snippet, as text. */
function marked(snippet: SearchSnippet): string[] {
  const points = Array.from(snippet.text);
  return snippet.highlights.map((range) => points.slice(range.start, range.end).join(""));
}

describe("folding and particles", () => {
  it("composes NFD Hangul and lower-cases Latin", () => {
    expect(fold("\u1112\u1169\u110c\u116e")).toBe("호주");
    expect(fold("RAA")).toBe("raa");
  });

  it("cuts words at spaces and punctuation, keeping particles on the word", () => {
    expect(wordsOf("일본–필리핀 RAA를 (2024년)").map((word) => word.folded)).toEqual(["일본", "필리핀", "raa를", "2024년"]);
  });

  it("strips particles from a query word, but never cuts a two-syllable word to one", () => {
    expect(stemOf("호주와")).toBe("호주");
    expect(stemOf("영국과")).toBe("영국");
    expect(stemOf("raa를")).toBe("raa");
    expect(stemOf("일본에서는")).toBe("일본");
    expect(stemOf("인도")).toBeNull();
    expect(stemOf("일본")).toBeNull();
    expect(stemOf("호주")).toBeNull();
  });

  it("knows a chain of particles from other syllables", () => {
    expect(isParticleChain("와")).toBe(true);
    expect(isParticleChain("과의")).toBe(true);
    expect(isParticleChain("태평양")).toBe(false);
    expect(isParticleChain("")).toBe(false);
  });

  it("classes 인도 in 인도태평양 as a prefix, in 인도와 as the word itself", () => {
    expect(classify("인도태평양", "인도").cls).toBe(MatchClass.prefix);
    expect(classify("인도와", "인도").cls).toBe(MatchClass.exact);
    expect(classify("인도", "인도").cls).toBe(MatchClass.exact);
    expect(classify("미일동맹", "동맹").cls).toBe(MatchClass.substring);
    expect(classify("raa를", "raa").cls).toBe(MatchClass.exact);
  });
});

describe("the word index", () => {
  it("ranks exact words over prefixes over substrings, ties in document order", () => {
    const index = new WordIndex();
    const docs = ["인도태평양 지역", "미일동맹 강화", "인도와 협력", "동맹국", "인도 동맹"];
    for (const doc of docs) index.add(wordsOf(doc).map((word) => word.folded));
    const aliases = buildAliasTable([]);
    const india = topSlots(index.score(parseQuery("인도", aliases).queries), { limit: 10, newestFirst: false });
    expect(india.slots.map(({ slot }) => docs[slot])).toEqual(["인도와 협력", "인도 동맹", "인도태평양 지역"]);
    const alliance = topSlots(index.score(parseQuery("동맹", aliases).queries), { limit: 10, newestFirst: false });
    expect(alliance.slots.map(({ slot }) => docs[slot])).toEqual(["인도 동맹", "동맹국", "미일동맹 강화"]);
  });

  it("needs every word of a query (AND), and forgets removed documents", () => {
    const index = new WordIndex();
    const a = index.add(["일본과", "호주는"]);
    const b = index.add(["일본은"]);
    const query = parseQuery("일본 호주", buildAliasTable([])).queries;
    expect([...index.score(query)].map((score, slot) => (score > 0 ? slot : -1)).filter((slot) => slot >= 0)).toEqual([a]);
    index.remove(a);
    expect(index.score(query)[a]).toBe(0);
    expect(index.score(parseQuery("일본", buildAliasTable([])).queries)[b]).toBe(MatchClass.exact);
  });

  it("reads a name of several words inside a longer query: United Kingdom 협력 → 영국 + 협력", () => {
    const aliases = buildAliasTable([
      { id: "gb", kind: "country", names: { ko: "영국", en: "United Kingdom" }, aliases: ["영국", "UK"], description: { ko: "-", en: "-" } },
    ]);
    const index = new WordIndex();
    const docs = ["영국과 협력", "협력만", "영국만", "united kingdom 협력"];
    for (const doc of docs) index.add(wordsOf(doc).map((word) => word.folded));
    const query = parseQuery("United Kingdom 협력", aliases);
    expect(query.phraseEntities).toEqual(["gb"]);
    const found = topSlots(index.score(query.queries), { limit: 10, newestFirst: false });
    // The literal words score highest; the Korean name counts as another name of the entity.
    expect(found.slots.map(({ slot }) => docs[slot])).toEqual(["united kingdom 협력", "영국과 협력"]);
  });

  it("finds one-syllable needles and misses what is not there", () => {
    const index = new WordIndex();
    index.add(["호주"]);
    expect(index.matchingWords("호")).toHaveLength(1);
    expect(index.matchingWords("호주와")).toHaveLength(0);
    expect(index.matchingWords("없는말")).toHaveLength(0);
  });
});

describe("search over the brief and the registry", () => {
  it("finds the two-syllable word 호주 in the text and as an entity", () => {
    const results = search("호주");
    expect(results.text.total).toBeGreaterThan(3);
    expect(results.text.results.every((hit) => blockText.get(hit.id)?.includes("호주") || hit.type === "section")).toBe(true);
    expect(results.text.results[0].match).toBe("exact");
    expect(marked(results.text.results[0].snippet)).toContain("호주");
    expect(results.entities.results[0]).toMatchObject({ id: "au", match: "exact" });
  });

  it("finds 일본 in nearly every block, exact", () => {
    const results = search("일본");
    expect(results.text.total).toBeGreaterThan(30);
    expect(results.entities.results[0].id).toBe("jp");
  });

  it("reads 호주와 as 호주: the particle does not hide the word", () => {
    const withParticle = search("호주와");
    const bare = search("호주");
    expect(withParticle.text.results.map((hit) => hit.id)).toEqual(bare.text.results.map((hit) => hit.id));
    expect(withParticle.entities.results[0].id).toBe("au");
  });

  it("finds 호주 where the text says 호주와 or 호주는, marking only the word", () => {
    const hit = search("호주").text.results.find((result) => /호주[와는의가]/.test(blockText.get(result.id) ?? ""));
    expect(hit).toBeDefined();
    expect(marked(hit!.snippet).every((text) => text === "호주")).toBe(true);
  });

  it("reads 영국과 as 영국 and RAA를 as RAA", () => {
    expect(search("영국과").entities.results[0].id).toBe("gb");
    expect(search("영국과").text.total).toBe(search("영국").text.total);
    const raa = search("RAA를");
    expect(raa.text.total).toBe(search("RAA").text.total);
    expect(raa.entities.results.map((hit) => hit.id)).toEqual(expect.arrayContaining(["raa", "raa-jp-ph", "raa-jp-gb", "raa-jp-au"]));
  });

  it("matches Latin case-insensitively: raa = RAA", () => {
    expect(search("raa").text.results.map((hit) => hit.id)).toEqual(search("RAA").text.results.map((hit) => hit.id));
  });

  it("finds Korean text for an English alias: Australia → 호주 (entity and blocks)", () => {
    const results = search("Australia");
    expect(results.entities.results[0]).toMatchObject({ id: "au", match: "exact" });
    const korean = search("호주");
    expect(results.text.total).toBeGreaterThan(3);
    // Every block that mentions the entity is found, marked where it does.
    const found = new Set(results.text.results.map((hit) => hit.id));
    for (const hit of korean.text.results.filter((result) => result.type === "block")) expect(found.has(hit.id)).toBe(true);
    const first = results.text.results.find((hit) => hit.type === "block");
    expect(first?.match).toBe("alias");
    expect(marked(first!.snippet)).toContain("호주");
  });

  it("reads a name of several words as the entity: United Kingdom → 영국", () => {
    const results = search("United Kingdom");
    expect(results.entities.results[0].id).toBe("gb");
    expect(results.text.total).toBeGreaterThan(0);
  });

  it("finds the same for NFD input as for NFC", () => {
    const nfd = "호주와".normalize("NFD");
    expect(nfd).not.toBe("호주와");
    expect(search(nfd).text.results.map((hit) => hit.id)).toEqual(search("호주와").text.results.map((hit) => hit.id));
  });

  it("does not rank 인도태평양 as an exact hit for 인도", () => {
    const results = search("인도");
    for (const hit of results.text.results) {
      const text = blockText.get(hit.id) ?? hit.snippet.text;
      const exactIndia = wordsOf(text).some((word) => classify(word.folded, "인도").cls === MatchClass.exact);
      if (hit.match === "exact") expect(exactIndia).toBe(true);
    }
    const prefixOnly = results.text.results.filter((hit) => hit.match === "prefix");
    expect(prefixOnly.length).toBeGreaterThan(0);
    // Exact hits all come before prefix-only ones.
    const lastExact = results.text.results.map((hit) => hit.match).lastIndexOf("exact");
    const firstPrefix = results.text.results.findIndex((hit) => hit.match === "prefix");
    expect(lastExact).toBeLessThan(firstPrefix);
    expect(results.entities.results[0].id).toBe("in");
  });

  it("links a record to the sentence that states it: RAA → Japan–Philippines → 2024년 7월 …", () => {
    const hit = search("RAA").entities.results.find((result) => result.id === "raa-jp-ph");
    expect(hit).toMatchObject({ type: "agreement", page: "/agreements/raa-jp-ph" });
    const blockId = hit!.href.split("#")[1];
    expect(hit!.href).toBe(`/briefs/${SLUG}#${blockId}`);
    expect(blockText.get(blockId)).toContain("2024년 7월 일본과 필리핀은 RAA에 서명");
  });

  it("links an entity to the reader with it open, or its page", () => {
    expect(search("호주").entities.results[0].href).toBe(`/briefs/${SLUG}?entity=au`);
  });

  it("finds nothing for words that are not there", () => {
    const results = search("존재하지않는단어");
    expect(results.text.total).toBe(0);
    expect(results.entities.total).toBe(0);
  });
});

describe("snippets", () => {
  it("cuts a window around the first match with ranges in code points", () => {
    const text = `😀 ${"가".repeat(200)} 호주와 일본`;
    const { spans } = matchSpans(text, parseQuery("호주", buildAliasTable([])).queries.flat(2));
    const snippet = snippetOf(text, spans, 60);
    expect(snippet.before).toBe(true);
    expect(marked(snippet)).toEqual(["호주"]);
    expect(Array.from(snippet.text)).toHaveLength(60);
  });

  it("counts a character outside the BMP as one", () => {
    const text = "😀 호주";
    const { spans } = matchSpans(text, parseQuery("호주", buildAliasTable([])).queries.flat(2));
    expect(snippetOf(text, spans).highlights).toEqual([{ start: 2, end: 4 }]);
  });
});
