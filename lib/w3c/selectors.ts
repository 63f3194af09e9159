/**
 * The W3C Web Annotation selectors this reader writes and reads, declared once
 * (https://www.w3.org/TR/annotation-model/#selectors): the types the anchoring code and the wire
 * format share, and the zod shapes an incoming selector must have. Offsets count Unicode code
 * points of NFC text, as the model's TextPositionSelector does, never UTF-16 units.
 */
import { z } from "zod";
import { storedText } from "@/lib/text/stored-text";

export interface TextQuoteSelector {
  type: "TextQuoteSelector";
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface TextPositionSelector {
  type: "TextPositionSelector";
  start: number;
  end: number;
}

/** Names a part of the resource by its fragment (here: a block's id), optionally refined. */
export interface FragmentSelector {
  type: "FragmentSelector";
  conformsTo?: string;
  value: string;
  refinedBy?: Selector;
}

/** From the start of one selection to the start of another: spans that cross blocks. */
export interface RangeSelector {
  type: "RangeSelector";
  startSelector: Selector;
  endSelector: Selector;
}

export type Selector = FragmentSelector | TextQuoteSelector | TextPositionSelector | RangeSelector;

/** The only `conformsTo` this reader writes: a fragment in the sense of RFC 3986 (an element id). */
export const FRAGMENT_CONFORMS_TO = "http://tools.ietf.org/rfc/rfc3986";

export const SELECTOR_TYPES = ["FragmentSelector", "TextQuoteSelector", "TextPositionSelector", "RangeSelector"] as const;

/** Any selector, as JSON-LD allows: only its `type` is looked at until it is one of ours. */
export type SelectorInput = { type: string; [key: string]: unknown };
// Other selectors (XPath, CSS…) are skipped by readers, since a quote next to them is enough.
export const anySelectorSchema = z.object({ type: z.string() }).passthrough() as z.ZodType<SelectorInput>;

// Selector text is what the reader stores (lib/text/stored-text.ts): NFC, well-formed, no U+0000.
const text = (min: number, max: number) => storedText().pipe(z.string().min(min).max(max));

/** What each selector this reader reads must hold; the refinements stay open (`anySelectorSchema`). */
export const selectorSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("FragmentSelector"), value: text(1, 1_000), conformsTo: storedText().optional(), refinedBy: z.lazy(() => anySelectorSchema).optional() }),
  z.object({ type: z.literal("TextQuoteSelector"), exact: text(1, 20_000), prefix: text(0, 1_000).optional(), suffix: text(0, 1_000).optional() }),
  z
    .object({ type: z.literal("TextPositionSelector"), start: z.number().int().min(0), end: z.number().int().min(0) })
    .refine((value) => value.end >= value.start, { message: "end must not be before start", path: ["end"] }),
  z.object({ type: z.literal("RangeSelector"), startSelector: z.lazy(() => anySelectorSchema), endSelector: z.lazy(() => anySelectorSchema) }),
]);
