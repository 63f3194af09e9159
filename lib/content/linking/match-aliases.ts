/**
 * Finds alias occurrences in Korean text. Korean attaches particles to nouns (`영국과`, `RAA를`),
 * so a match is an alias at a word start, followed by optional particles, then a word end.
 * Longest alias first, so `인도태평양` is never read as `인도` + something.
 */
import type { AliasEntry, EntityIndex } from "./entity-index";

// Particles and noun suffixes that may follow a name, longest first. Several may chain (`급으로`).
// Search (lib/search/korean.ts) strips the same ones, so a linked word and a searched word agree.
export const PARTICLES = [
  "에서부터", "으로부터", "에서의", "으로서", "으로써", "에게서", "이라는", "이라고", "이라며", "에서는", "에서도", "으로는", "으로도",
  "과의", "와의", "에서", "에게", "으로", "까지", "부터", "처럼", "보다", "에는", "에도", "로서", "로써", "이나", "이며", "이고", "라는",
  "이다", "과도", "와도", "과는", "와는", "은", "는", "이", "가", "을", "를", "과", "와", "의", "에", "로", "도", "만", "나", "급", "들", "측",
].sort((a, b) => b.length - a.length);

const WORD = /[\p{L}\p{N}]/u;

// Hangul syllables and ASCII answered without the regular expression: they are nearly every
// character of a Korean brief, and this runs for each one (bench/relink.ts).
function isWordChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return true;
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD.test(char);
}

/** Length of the particles chained at `at` if they end at a word end; -1 if there is none. */
function particlesEnd(text: string, at: number): number {
  let position = at;
  for (let round = 0; round < 3; round++) {
    if (!isWordChar(text[position])) return position;
    const particle = PARTICLES.find((candidate) => text.startsWith(candidate, position));
    if (!particle) return -1;
    position += particle.length;
  }
  return isWordChar(text[position]) ? -1 : position;
}

export interface AliasMatch {
  /** UTF-16 offsets of the alias (without its particles). */
  start: number;
  end: number;
  entry: AliasEntry;
}

/** Every alias occurrence in the text, left to right, never overlapping. Pure. */
export function matchAliases(text: string, index: EntityIndex): AliasMatch[] {
  const matches: AliasMatch[] = [];
  let i = 0;
  while (i < text.length) {
    const codePoint = text.codePointAt(i) as number;
    const char = String.fromCodePoint(codePoint);
    const candidates = isWordChar(text[i - 1]) && isWordChar(char) ? undefined : index.byFirstChar.get(char);
    const match = candidates?.find((entry) => text.startsWith(entry.alias, i) && particlesEnd(text, i + entry.alias.length) !== -1);
    if (match) {
      matches.push({ start: i, end: i + match.alias.length, entry: match });
      i += match.alias.length;
    } else {
      i += char.length;
    }
  }
  return matches;
}
