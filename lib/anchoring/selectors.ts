/**
 * W3C Web Annotation selectors, declared once. Offsets count Unicode code points into the
 * brief's plain text (NFC; blocks joined by "\n", see brief-text.ts), never UTF-16 units.
 */
import { z } from "zod";
import type { CodePointOffset } from "@/lib/domain/brief";

export interface TextQuoteSelector {
  type: "TextQuoteSelector";
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: "TextPositionSelector";
  start: CodePointOffset;
  end: CodePointOffset;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

export const textQuoteSelectorSchema = z
  .object({
    type: z.literal("TextQuoteSelector"),
    exact: z.string().min(1).max(20_000),
    prefix: z.string().max(1_000).default(""),
    suffix: z.string().max(1_000).default(""),
  })
  .strict();

export const textPositionSelectorSchema = z
  .object({ type: z.literal("TextPositionSelector"), start: z.number().int().min(0), end: z.number().int().min(0) })
  .strict()
  .refine((value) => value.end > value.start, { message: "end must be after start", path: ["end"] });

/** How a stored annotation sits on the current text. */
export type AnchorStatus = "exact" | "moved" | "fuzzy" | "orphaned";

export interface Anchor {
  status: AnchorStatus;
  /** 1 for exact and moved; the match quality for fuzzy; 0 for orphaned. */
  score: number;
  start?: CodePointOffset;
  end?: CodePointOffset;
}
