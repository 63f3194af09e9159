/**
 * Terms the library uses often that no entity links: candidates an editor may turn into entities,
 * so a brief on a new topic gets linked without editing files. Three shapes are looked for:
 * Latin-script abbreviations (`OSA`, `AUKUS`), quoted names (`‘해양 벨트’`), and Korean noun
 * phrases (one word, or two in a row, with particles taken off). Without a morphological analyser
 * (none ships its dictionary in a package small enough here), a Korean word counts as a noun when
 * what is left after its particles does not end like a predicate (`…함`, `…되는`, `…하여`); the
 * list is a suggestion an editor judges, so recall matters more than precision. Pure.
 */
import { PARTICLES } from "./match-aliases";

export type SuggestionKind = "abbreviation" | "quoted" | "noun";

/** A block of a brief as the extractor reads it: its text and the spans already linked (code points). */
export interface SuggestionBlock {
  brief: string;
  blockId: string;
  text: string;
  mentions: readonly { start: number; end: number }[];
}

export interface Suggestion {
  term: string;
  kind: SuggestionKind;
  /** Unlinked occurrences across the library. */
  count: number;
  /** How many briefs use it. */
  briefs: number;
  /** Where it first stands, to show it in context. */
  example: { brief: string; blockId: string };
}

export interface SuggestOptions {
  /** Surface forms an entity has already (names and aliases, NFC): never suggested. */
  known: ReadonlySet<string>;
  /** Terms editors dismissed. */
  dismissed?: ReadonlySet<string>;
  /** How many to answer (default 50). */
  limit?: number;
}

// Endings of predicates and adverbs: a word ending so is not a noun phrase's word.
const PREDICATE_ENDINGS = [
  "함", "됨", "음", "임", "했", "된", "하는", "되는", "있는", "없는", "하고", "하여", "하며", "되며", "되어", "해", "한", "할", "될", "적인", "적으로",
  "이며", "이고", "지만", "면서", "려는", "려고", "으며", "는데", "었", "였", "겠", "다", "고", "며", "게", "히", "서",
].sort((a, b) => b.length - a.length);

// Words too common or too vague to be an entity on their own.
const STOPWORDS = new Set([
  "이러한", "그러나", "또한", "특히", "최근", "이후", "현재", "다양한", "기존", "주요", "관련", "통해", "대한", "위한", "같은", "이는", "이를", "이에",
  "그리고", "하지만", "따라서", "한편", "등", "것", "수", "때문", "경우", "측면", "중심", "가능성", "문제", "정도", "이상", "이하", "과정", "방향", "차원",
  "지역", "국가", "협력", "관계", "전략", "정책", "안보", "강화", "확대", "구축", "추진", "변화", "상황", "의미", "역할", "필요", "부분", "내용", "결과",
  "함께", "같이", "상호", "양국", "최초", "수준", "구조", "기반", "발효", "체결", "협정", "서명", "이번", "향후", "당시", "모두", "계속",
]);

const HANGUL_WORD = /[\uAC00-\uD7A3]+/gu;
const ABBREVIATION = /(?<![A-Za-z0-9])[A-Z][A-Z0-9&]{1,9}(?![A-Za-z0-9])/gu;
const QUOTED = /[‘'“"「『]([^‘’'“”"「」『』\n]{2,30})[’'”"」』]/gu;

/** A Korean word without the particles it ends in (longest first, up to three chained). */
export function stripParticles(word: string): string {
  let stem = word;
  for (let round = 0; round < 3; round++) {
    const particle = PARTICLES.find((candidate) => stem.endsWith(candidate) && stem.length - candidate.length >= 2);
    if (!particle) break;
    stem = stem.slice(0, -particle.length);
  }
  return stem;
}

/** Whether a particle-less Korean word may be part of a noun phrase (see the file's comment). */
function nounPart(stem: string): boolean {
  return stem.length >= 2 && !PREDICATE_ENDINGS.some((ending) => stem.endsWith(ending));
}

/** Whether a particle-less Korean word may be a noun worth suggesting on its own (not a `…적` modifier: `전략적`). */
export function looksLikeNoun(stem: string): boolean {
  return nounPart(stem) && !STOPWORDS.has(stem) && !stem.endsWith("적");
}

/**
 * A word that ends a clause in a syllable with final ㅁ (`서두름.`, `늘어남,`) is a predicate the
 * brief style nominalises, not a noun (a noun such as `포럼` rarely ends a clause there).
 */
function endsClause(stem: string, next: string | undefined): boolean {
  const last = stem.codePointAt(stem.length - 1) ?? 0;
  return (next === "." || next === "," || next === undefined) && last >= 0xac00 && last <= 0xd7a3 && (last - 0xac00) % 28 === 16;
}

/** Code-point offset of a UTF-16 index. */
function codePoints(text: string, utf16: number): number {
  return Array.from(text.slice(0, utf16)).length;
}

interface Occurrence {
  term: string;
  kind: SuggestionKind;
  start: number;
  end: number;
}

/** Every candidate occurrence in one text, with code-point offsets. */
export function candidatesIn(text: string): Occurrence[] {
  const found: Occurrence[] = [];
  const at = (index: number, length: number) => ({ start: codePoints(text, index), end: codePoints(text, index + length) });
  for (const match of text.matchAll(ABBREVIATION)) found.push({ term: match[0], kind: "abbreviation", ...at(match.index, match[0].length) });
  for (const match of text.matchAll(QUOTED)) {
    const inner = match[1].trim();
    if (inner) found.push({ term: inner.normalize("NFC"), kind: "quoted", ...at(match.index + 1, match[1].length) });
  }
  const words = [...text.matchAll(HANGUL_WORD)].map((match) => {
    // A word ends where the Hangul run ends; the next run counts as the next word only across a space.
    const stem = stripParticles(match[0]);
    return { stem, index: match.index, length: stem.length, whole: match[0].length, next: text[match.index + match[0].length] };
  });
  words.forEach((word, i) => {
    if (!nounPart(word.stem) || endsClause(word.stem, word.next)) return;
    if (looksLikeNoun(word.stem)) found.push({ term: word.stem, kind: "noun", ...at(word.index, word.length) });
    const following = words[i + 1];
    // Two nouns in a row, the first without a particle: a compound (`해양 벨트`, `안보 네트워크`).
    if (following && word.stem.length === word.whole && word.next === " " && following.index === word.index + word.whole + 1 && nounPart(following.stem) && !endsClause(following.stem, following.next)) {
      const term = `${word.stem} ${following.stem}`;
      found.push({ term, kind: "noun", ...at(word.index, term.length) });
    }
  });
  // The same term at the same place found twice (a quoted name that is also a compound) counts once.
  const seen = new Set<string>();
  return found.filter((item) => {
    const key = `${item.term}@${item.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * The library's frequent unlinked terms, most used first. A single Korean word needs three
 * unlinked uses, a compound, an abbreviation or a quoted name two; a term an entity already has,
 * or one an editor dismissed, is never suggested, nor a shorter term that only ever stands inside
 * a longer suggestion.
 */
export function suggestTerms(blocks: readonly SuggestionBlock[], options: SuggestOptions): Suggestion[] {
  const tally = new Map<string, { kind: SuggestionKind; count: number; briefs: Set<string>; example: { brief: string; blockId: string } }>();
  for (const block of blocks) {
    for (const occurrence of candidatesIn(block.text)) {
      if (block.mentions.some((mention) => overlaps(mention, occurrence))) continue;
      const key = occurrence.term;
      if (options.known.has(key) || options.dismissed?.has(key)) continue;
      const entry = tally.get(key) ?? { kind: occurrence.kind, count: 0, briefs: new Set<string>(), example: { brief: block.brief, blockId: block.blockId } };
      // A quoted name or an abbreviation is a stronger sign than a noun of the same spelling.
      if (occurrence.kind !== "noun") entry.kind = occurrence.kind;
      entry.count++;
      entry.briefs.add(block.brief);
      tally.set(key, entry);
    }
  }
  const kept = [...tally].filter(([term, entry]) => entry.count >= (entry.kind === "noun" && !term.includes(" ") ? 3 : 2));
  const suggestions = kept
    .filter(([term, entry]) => !kept.some(([other, longer]) => other !== term && other.includes(term) && longer.count >= entry.count))
    .map(([term, entry]): Suggestion => ({ term, kind: entry.kind, count: entry.count, briefs: entry.briefs.size, example: entry.example }));
  return suggestions.sort((a, b) => b.count - a.count || b.briefs - a.briefs || a.term.localeCompare(b.term, "ko")).slice(0, options.limit ?? 50);
}
