/**
 * The brief as one plain text for anchoring: every block's text in document order, joined by
 * "\n", with each block's start offset. Pure; offsets in code points.
 */
import { codePointLength } from "@/lib/text/code-points";
import type { BriefDocument } from "@/lib/domain/brief";

export interface BriefText {
  text: string;
  blocks: { id: string; start: number; end: number }[];
}

export function briefText(document: BriefDocument): BriefText {
  const blocks: BriefText["blocks"] = [];
  const parts: string[] = [];
  let at = 0;
  for (const section of document.sections) {
    for (const block of section.blocks) {
      const length = codePointLength(block.text);
      blocks.push({ id: block.id, start: at, end: at + length });
      parts.push(block.text);
      at += length + 1;
    }
  }
  return { text: parts.join("\n"), blocks };
}

/** The block an offset falls in (the first, for an offset on a join). */
export function blockAt(text: BriefText, offset: number): string | null {
  return text.blocks.find((block) => offset >= block.start && offset <= block.end)?.id ?? null;
}
