/**
 * Places a quote that arrives from another tool (the protocol, an import) on the brief's current
 * text: where its position says if the quote is there, else wherever re-anchoring finds it word
 * for word. Pure; offsets in code points.
 *
 * Only verbatim placements are accepted. A fuzzy match would store a quote the reader never
 * selected (the service keeps the quote exactly as it stands in the text), so a quote that is
 * not in the text is refused and the client can select again.
 */
import { codePointLength, sliceCodePoints } from "@/lib/text/code-points";
import { reanchor } from "./reanchor";

export interface PlacedQuote {
  start: number;
  end: number;
  exact: string;
  /** The client's context, kept only where it matches the text around the placed quote. */
  prefix?: string;
  suffix?: string;
}

export function placeQuote(
  text: string,
  quote: { exact: string; prefix?: string; suffix?: string },
  hint?: { start: number; end: number },
): PlacedQuote | null {
  if (quote.exact === "") return null;
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  let span: { start: number; end: number } | null = null;
  if (hint && hint.end > hint.start && sliceCodePoints(text, hint.start, hint.end) === quote.exact) {
    span = hint;
  } else {
    const anchor = reanchor(
      text,
      { type: "TextQuoteSelector", exact: quote.exact, prefix, suffix },
      hint ? { type: "TextPositionSelector", start: hint.start, end: hint.end } : undefined,
    );
    if ((anchor.status === "exact" || anchor.status === "moved") && anchor.start !== undefined && anchor.end !== undefined) {
      span = { start: anchor.start, end: anchor.end };
    }
  }
  if (!span || sliceCodePoints(text, span.start, span.end) !== quote.exact) return null;
  const before = sliceCodePoints(text, Math.max(0, span.start - codePointLength(prefix)), span.start);
  const after = sliceCodePoints(text, span.end, span.end + codePointLength(suffix));
  return {
    ...span,
    exact: quote.exact,
    ...(prefix && before === prefix ? { prefix } : {}),
    ...(suffix && after === suffix ? { suffix } : {}),
  };
}
