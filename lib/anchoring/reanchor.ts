/**
 * Places a stored annotation on a (possibly revised) text: precise selectors first, then fuzzy.
 * exact: the position selector still points at the quote; moved: the quote is found unchanged
 * elsewhere; fuzzy: an approximate match above the threshold (with its score); orphaned: none.
 * Nothing is ever dropped: an orphan keeps its quote and can be re-attached by hand.
 */
import { codePointLength, sliceCodePoints } from "@/lib/text/code-points";
import { matchQuote } from "./match-quote";
import type { AnchorStatus } from "@/lib/domain/annotation";
import type { TextPositionSelector, TextQuoteSelector } from "@/lib/w3c/selectors";

/** Where a stored annotation sits on the current text, and how sure that is. */
export interface Anchor {
  status: AnchorStatus;
  /** 1 for exact and moved; the match quality for fuzzy; 0 for orphaned. */
  score: number;
  start?: number;
  end?: number;
}

/** Below this a fuzzy match is more likely another passage than an edit of the same one. */
export const FUZZY_THRESHOLD = 0.75;

export function reanchor(text: string, quote: TextQuoteSelector, position?: TextPositionSelector): Anchor {
  if (position && sliceCodePoints(text, position.start, position.end) === quote.exact) {
    return { status: "exact", score: 1, start: position.start, end: position.end };
  }
  const unchanged = findWithContext(text, quote);
  if (unchanged) return { status: "moved", score: 1, ...unchanged };
  const match = matchQuote(text, quote.exact, { prefix: quote.prefix, suffix: quote.suffix, hint: position?.start });
  if (!match) return { status: "orphaned", score: 0 };
  if (match.exactQuote) return { status: "moved", score: 1, start: match.start, end: match.end };
  if (match.score >= FUZZY_THRESHOLD) return { status: "fuzzy", score: match.score, start: match.start, end: match.end };
  return { status: "orphaned", score: 0 };
}

/**
 * The fast path for the common case after an edit elsewhere: the quote and its context are all
 * still there, word for word. A plain search finds that far quicker than approximate matching,
 * which remains the fallback when the context has changed or the quote is ambiguous.
 */
function findWithContext(text: string, quote: TextQuoteSelector): { start: number; end: number } | null {
  const prefix = quote.prefix ?? "";
  const needle = prefix + quote.exact + (quote.suffix ?? "");
  const at = text.indexOf(needle);
  if (at === -1 || text.indexOf(needle, at + 1) !== -1) return null;
  const start = codePointLength(text.slice(0, at + prefix.length));
  return { start, end: start + codePointLength(quote.exact) };
}

export { describeSpan } from "./describe";
