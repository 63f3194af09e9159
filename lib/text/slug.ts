/**
 * A URL slug from a title in any of the reader's languages: Latin letters kept (accents dropped),
 * Hangul romanized (Revised Romanization, syllable by syllable, without the sound changes across
 * syllables: a slug must be predictable, not a pronunciation guide), everything else a hyphen.
 * Written here rather than taken from a package: the npm romanizers either pull in dictionaries
 * or handle only Latin, and this is one table lookup per syllable.
 */

const INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const MEDIALS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"];
const FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"];

const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;

/** Hangul syllables in Revised Romanization; other characters as they are. */
export function romanizeHangul(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const code = char.codePointAt(0) as number;
    if (code < SYLLABLE_FIRST || code > SYLLABLE_LAST) {
      out += char;
      continue;
    }
    const index = code - SYLLABLE_FIRST;
    out += INITIALS[Math.floor(index / 588)] + MEDIALS[Math.floor((index % 588) / 28)] + FINALS[index % 28];
  }
  return out;
}

/** The longest slug made, cut at a word boundary. */
export const MAX_SLUG_LENGTH = 60;

/** `lower-case-words-and-digits` from a title; empty when nothing in it can be written so. */
export function slugify(title: string): string {
  const latin = romanizeHangul(title)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (latin.length <= MAX_SLUG_LENGTH) return latin;
  const cut = latin.slice(0, MAX_SLUG_LENGTH + 1);
  const boundary = cut.lastIndexOf("-");
  return (boundary > 20 ? cut.slice(0, boundary) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, "");
}
