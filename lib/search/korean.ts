/**
 * Text as search sees it: folded (NFC, lower case), cut into words, and Korean particles told
 * apart from the words they are attached to. Pure.
 *
 * Korean writes a noun and its particles as one space-delimited word (`호주와`, `RAA를`), so a
 * word of the text is "the same word" as a query when it is the query followed by a chain of
 * particles, and the query's own particles are dropped before matching (`영국과` → `영국`).
 */
import { PARTICLES } from "@/lib/content/linking/match-aliases";

/**
 * NFC first, so decomposed Hangul (conjoining jamo, as some macOS files and keyboards send it)
 * becomes the same syllables as everywhere else; then lower case, so `raa` finds `RAA`.
 */
export function fold(text: string): string {
  return text.normalize("NFC").toLowerCase();
}

/** A word of a text: letters, digits and combining marks; offsets in UTF-16 units of the NFC text. */
export interface Word {
  /** The word folded (lower case). */
  folded: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The words of an NFC text, left to right. Punctuation, spaces and symbols separate words. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    words.push({ folded: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  return words;
}

/**
 * The distinct folded words of a text (what the index stores). Folds the whole text first and
 * takes the words in one `match`: about three times faster than `wordsOf`, which indexing
 * 100,000 notes feels.
 */
export function distinctWords(text: string): string[] {
  return [...new Set(fold(text).match(WORD))];
}

const HANGUL = /[\uac00-\ud7a3]/;

/** True when `rest` is one to three particles in a row (`와`, `과의`, `에서는`, `급으로`). */
export function isParticleChain(rest: string, depth = 0): boolean {
  if (rest === "") return depth > 0;
  if (depth === 3) return false;
  // Longest first, but with backtracking: `으로` may be one particle or (never) `으`+`로`.
  return PARTICLES.some((particle) => rest.startsWith(particle) && isParticleChain(rest.slice(particle.length), depth + 1));
}

/**
 * The word without the particles it ends with, or null when it ends with none. A Hangul stem
 * keeps at least two syllables, so that `인도` (India), whose last syllable is also the
 * particle `도`, is never cut to `인`; a Latin stem may be any length (`RAA를` → `raa`).
 * The longest chain of particles wins (`일본에서는` → `일본`).
 */
export function stemOf(word: string): string | null {
  for (let cut = 1; cut < word.length; cut++) {
    const stem = word.slice(0, cut);
    const hangulStem = HANGUL.test(stem[stem.length - 1]);
    if (hangulStem && cut < 2) continue;
    if (isParticleChain(word.slice(cut))) return stem;
  }
  return null;
}

/** How a word of the text matches a needle, best first (0: not at all). */
export const MatchClass = {
  none: 0,
  /** The needle is inside the word: `동맹` in `미일동맹`. */
  substring: 1,
  /** The word starts with the needle but goes on: `인도` in `인도태평양`. */
  prefix: 2,
  /** The word is another name of the entity the needle names: `호주` for `Australia`. */
  alias: 3,
  /** The word is the needle, perhaps with particles: `호주`, `호주와`, `raa를`. */
  exact: 4,
} as const;
export type MatchClassValue = (typeof MatchClass)[keyof typeof MatchClass];

/** Where a needle sits in a word and how well it matches; both folded. */
export function classify(word: string, needle: string): { cls: MatchClassValue; at: number } {
  if (word === needle) return { cls: MatchClass.exact, at: 0 };
  if (word.startsWith(needle)) return { cls: isParticleChain(word.slice(needle.length)) ? MatchClass.exact : MatchClass.prefix, at: 0 };
  const at = word.indexOf(needle);
  return at === -1 ? { cls: MatchClass.none, at: -1 } : { cls: MatchClass.substring, at };
}
