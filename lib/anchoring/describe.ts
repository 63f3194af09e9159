/** Describing a span as selectors: kept apart from matching so the browser bundle stays small. */
import { sliceCodePoints } from "@/lib/text/code-points";
import type { TextPositionSelector, TextQuoteSelector } from "@/lib/w3c/selectors";

/** Describes a span of the text as selectors: the quote with 32 code points of context each side. */
export function describeSpan(text: string, start: number, end: number): { quote: Required<TextQuoteSelector>; position: TextPositionSelector } {
  return {
    quote: {
      type: "TextQuoteSelector",
      exact: sliceCodePoints(text, start, end),
      prefix: sliceCodePoints(text, Math.max(0, start - 32), start),
      suffix: sliceCodePoints(text, end, end + 32),
    },
    position: { type: "TextPositionSelector", start, end },
  };
}
