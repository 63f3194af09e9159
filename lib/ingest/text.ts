/** Character-level clean-up shared by the converters: one place decides what a "character as written" is. */

// Kangxi radicals (U+2F00–U+2FD5) and the two CJK radicals supplement characters with a
// compatibility decomposition: fonts whose cmap maps a radical and the ideograph to one glyph make
// PDF producers write the radical (`⼒` for `力`). NFKC maps exactly these to the unified
// ideograph; NFKC on the whole text would also fold full-width forms and compatibility jamo,
// which are the author's own characters.
const RADICAL = /[\u2E9F\u2EF3\u2F00-\u2FD5]/gu;

// Invisible characters that carry no text: soft hyphen, zero-width space/joiners, BOM, word joiner.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

// Controls other than whitespace (tab, line breaks) never belong in a brief.
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/gu;

/** Maps Kangxi radicals to unified ideographs and normalizes to NFC (which also maps CJK compatibility ideographs). */
export function unifyIdeographs(text: string): string {
  return text.replace(RADICAL, (radical) => radical.normalize("NFKC")).normalize("NFC");
}

// Middle dots a font's reverse cmap confuses: one glyph serves U+00B7, U+2027, U+2219 and U+30FB,
// and the producer writes whichever code point it met first. Between kana or kanji the author
// wrote the katakana middle dot; between Hangul syllables, the Latin-1 middle dot Korean uses.
const DOT_LIKE = "[\u00B7\u2027\u2219\u30FB\uFF65]";
const JAPANESE_DOT = new RegExp(`(?<=[\u3040-\u30FF\u3400-\u9FFF])${DOT_LIKE}(?=[\u3040-\u30FF\u3400-\u9FFF])`, "gu");
const KOREAN_DOT = new RegExp(`(?<=[\uAC00-\uD7A3])[\u2027\u2219\u30FB\uFF65](?=[\uAC00-\uD7A3])`, "gu");

/** Restores the middle dot the author wrote where a font's glyph sharing made the producer write another. */
export function unifyMiddleDots(text: string): string {
  return text.replace(JAPANESE_DOT, "\u30FB").replace(KOREAN_DOT, "\u00B7");
}

/** One unit's text as it goes on its line: NFC, unified ideographs, no invisibles, whitespace collapsed. */
export function cleanUnitText(text: string): string {
  return unifyIdeographs(text.replace(INVISIBLE, "").replace(CONTROL, ""))
    .replace(/\s+/gu, " ")
    .trim();
}

const HANGUL = /[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]/gu;
const KANA = /[\u3040-\u30FF]/gu;
const LATIN = /[A-Za-z]/gu;

/** A BCP 47 tag when one script clearly dominates the letters of the text, else undefined. */
export function guessLanguage(text: string): string | undefined {
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const hangul = count(HANGUL);
  const kana = count(KANA);
  const latin = count(LATIN);
  const total = hangul + kana + latin;
  if (total === 0) return undefined;
  if (hangul / total > 0.3) return "ko";
  if (kana / total > 0.3) return "ja";
  if (latin / total > 0.8) return "en";
  return undefined;
}

/** True when the text has Hangul syllables. */
export function hasHangul(text: string): boolean {
  return /[\uAC00-\uD7A3]/u.test(text);
}

/** A date in any common form (PDF `D:20251120…`, ISO, `2025. 11. 20.`) as YYYY[-MM[-DD]], or undefined. */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== "string") return undefined;
  const pdf = /^D:(\d{4})(\d{2})?(\d{2})?/u.exec(value.trim());
  const loose = pdf ?? /^(\d{4})(?:[-./년\s]+(\d{1,2})(?:[-./월\s]+(\d{1,2}))?)?/u.exec(value.trim());
  if (!loose) return undefined;
  const [, year, month, day] = loose;
  const pad = (part: string) => part.padStart(2, "0");
  if (month && (+month < 1 || +month > 12)) return year;
  if (!month) return year;
  if (!day || +day < 1 || +day > 31) return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Decodes UTF-8 strictly (an invalid sequence is an error, not U+FFFD), without a leading BOM, with LF line ends. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return text.replace(/\r\n?/gu, "\n");
  } catch {
    return null;
  }
}
