/**
 * Finds a quote in a text, exactly or approximately, scored by the quote, its context and its
 * position, as Hypothesis's match-quote does. Pure, no DOM. Offsets in and out are code points;
 * approx-string-match works in UTF-16 units, so we convert at this boundary only.
 */
import search from "approx-string-match";
import { codePointLength } from "@/lib/text/code-points";

export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** Where the quote was expected to start (code points). */
  hint?: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0..1: how well quote, context and position agree. */
  score: number;
  /** True when the quote itself matched with no error. */
  exactQuote: boolean;
}

function toUtf16(text: string, codePoints: number): number {
  let units = 0;
  for (let count = 0; count < codePoints && units < text.length; count++) {
    const unit = text.charCodeAt(units);
    units += unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
  }
  return units;
}

function toCodePoints(text: string, units: number): number {
  return codePointLength(text.slice(0, units));
}

/** 0..1 similarity of a pattern to its best match in the text (1 = found exactly). */
function similarity(text: string, pattern: string): number {
  if (pattern.length === 0 || text.length === 0) return 0;
  const matches = search(text, pattern, pattern.length);
  if (matches.length === 0) return 0;
  const errors = Math.min(...matches.map((match) => match.errors));
  return 1 - errors / pattern.length;
}

// Weights as in Hypothesis: the quote matters most, then its context, a little its position.
// Higher error tolerance finds more and risks wrong matches; the caller decides the threshold.
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };

/** The best place for the quote in the text, or null when nothing comes close. */
export function matchQuote(text: string, quote: string, context: QuoteContext = {}): QuoteMatch | null {
  if (quote.length === 0) return null;
  // Allow up to a third of the quote to differ: more than that and it is a different passage.
  const maxErrors = Math.min(256, Math.floor(quote.length / 3));
  const candidates = search(text, quote, maxErrors);
  if (candidates.length === 0) return null;
  const hint = context.hint !== undefined ? toUtf16(text, context.hint) : undefined;
  const scored = candidates.map((candidate) => {
    const quoteScore = 1 - candidate.errors / quote.length;
    const prefix = context.prefix ? similarity(text.slice(Math.max(0, candidate.start - context.prefix.length), candidate.start), context.prefix) : 1;
    const suffix = context.suffix ? similarity(text.slice(candidate.end, candidate.end + context.suffix.length), context.suffix) : 1;
    const position = hint === undefined ? 1 : 1 - Math.abs(candidate.start - hint) / Math.max(text.length, 1);
    const total =
      (WEIGHTS.quote * quoteScore + WEIGHTS.prefix * prefix + WEIGHTS.suffix * suffix + WEIGHTS.position * position) /
      (WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position);
    return { candidate, total, exact: candidate.errors === 0 };
  });
  scored.sort((a, b) => b.total - a.total);
  const best = scored[0];
  return {
    start: toCodePoints(text, best.candidate.start),
    end: toCodePoints(text, best.candidate.end),
    score: Math.round(best.total * 1000) / 1000,
    exactQuote: best.exact,
  };
}
