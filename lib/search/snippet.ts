/**
 * Where a query matches in a text, and the short piece of it a result shows. Ranges come out in
 * code points (the project's offset unit), for the UI to cut with `Array.from` and wrap in
 * `<mark>` elements: never HTML. Pure.
 */
import { codePointLength, sliceCodePoints } from "@/lib/text/code-points";
import type { SearchSnippet, TextRange } from "@/lib/domain/search";
import { classify, MatchClass, type MatchClassValue, wordsOf } from "./korean";
import type { Needle } from "./word-index";

/** A span in UTF-16 units of an NFC text. */
interface Span {
  start: number;
  end: number;
}

/** Matched spans in an NFC text (UTF-16 units, sorted, merged) and the best class among them. */
export function matchSpans(text: string, needles: Needle[], extra: Span[] = []): { spans: Span[]; best: MatchClassValue } {
  const spans: Span[] = [...extra];
  let best: MatchClassValue = extra.length > 0 ? MatchClass.alias : MatchClass.none;
  const wordNeedles = needles.filter((needle) => needle.mode !== "key");
  for (const word of wordsOf(text)) {
    for (const needle of wordNeedles) {
      const { cls, at } = classify(word.folded, needle.text);
      if (cls === MatchClass.none || (needle.mode === "exact-only" && cls !== MatchClass.exact)) continue;
      const scored = (needle.mode === "exact-only" ? needle.cap : Math.min(cls, needle.cap)) as MatchClassValue;
      if (scored > best) best = scored;
      // Lower-casing kept the word's length (it nearly always does): mark just the needle, not
      // the particles after it. Otherwise mark the whole word.
      const sameLength = word.folded.length === word.end - word.start;
      spans.push(sameLength ? { start: word.start + at, end: word.start + at + needle.text.length } : { start: word.start, end: word.end });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return { spans: merged, best };
}

/** Converts a UTF-16 offset of `text` to code points. */
function toCodePoints(text: string, offset: number): number {
  return codePointLength(text.slice(0, offset));
}

/**
 * A window of about `width` code points around the first match (some context before it), with
 * the matches inside it. Line breaks become spaces: a snippet is one line.
 */
export function snippetOf(text: string, spans: Span[], width = 120): SearchSnippet {
  const length = codePointLength(text);
  const ranges: TextRange[] = spans.map((span) => ({ start: toCodePoints(text, span.start), end: toCodePoints(text, span.end) }));
  const first = ranges[0]?.start ?? 0;
  let start = Math.max(0, first - Math.floor(width / 4));
  const end = Math.min(length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  const highlights = ranges
    .filter((range) => range.end > start && range.start < end)
    .map((range) => ({ start: Math.max(range.start, start) - start, end: Math.min(range.end, end) - start }));
  return { text: sliceCodePoints(text, start, end).replace(/[\r\n\t]/g, " "), highlights, before: start > 0, after: end < length };
}

/** The API's name for a match class. */
export function matchName(cls: MatchClassValue): "exact" | "alias" | "prefix" | "substring" {
  if (cls >= MatchClass.exact) return "exact";
  if (cls === MatchClass.alias) return "alias";
  return cls === MatchClass.prefix ? "prefix" : "substring";
}
