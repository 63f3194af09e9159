/**
 * Between DOM ranges in the reader and offsets into the brief's plain text (briefText():
 * blocks in document order joined by "\n", code points). Browser only; the pure matching lives
 * in ../match-quote.ts. The DOM text of a block's `.brief-block-text` is the block text exactly,
 * less its `#` link, which these functions skip.
 */
import { codePointLength } from "@/lib/text/code-points";

export interface DomBlock {
  id: string;
  element: HTMLElement;
  /** Offset of the block's first character in the brief text. */
  start: number;
  end: number;
}

function textNodes(element: Element): Text[] {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => ((node.parentElement?.closest(".block-anchor") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT)),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** Code points of `text` in its first `units` UTF-16 units. */
function cpPrefix(text: string, units: number): number {
  return codePointLength(text.slice(0, units));
}

/** UTF-16 units of the first `codePoints` code points of `text`. */
function unitsOf(text: string, codePoints: number): number {
  let units = 0;
  let count = 0;
  for (const char of text) {
    if (count === codePoints) break;
    units += char.length;
    count++;
  }
  return units;
}

/** The reader's blocks in document order with their offsets in the brief text. */
export function domBlocks(root: ParentNode): DomBlock[] {
  const blocks: DomBlock[] = [];
  let at = 0;
  for (const item of root.querySelectorAll<HTMLElement>("li.brief-claim, li.brief-point")) {
    const element = item.querySelector<HTMLElement>(":scope > .brief-block-text");
    if (!element) continue;
    const length = textNodes(element).reduce((sum, node) => sum + codePointLength(node.data), 0);
    blocks.push({ id: item.id, element, start: at, end: at + length });
    at += length + 1;
  }
  return blocks;
}

/** Where a DOM point falls in the brief text, or null outside any block text. */
function offsetOf(blocks: DomBlock[], node: Node, offset: number, edge: "start" | "end"): number | null {
  const block = blocks.find((candidate) => candidate.element.contains(node) || node.contains(candidate.element));
  if (!block) return null;
  if (node.contains(block.element) && node !== block.element) {
    // The point is on an ancestor: before or after the whole block text.
    return edge === "start" ? block.start : block.end;
  }
  let at = block.start;
  for (const text of textNodes(block.element)) {
    if (text === node) return at + cpPrefix(text.data, offset);
    if (node.nodeType !== Node.TEXT_NODE && node.contains(text)) {
      // An element point: count the text nodes before child `offset`.
      const child = node.childNodes[offset];
      if (child && (child === text || child.contains(text))) return at;
    }
    at += codePointLength(text.data);
  }
  return edge === "start" ? block.start : block.end;
}

/** A selection's span in the brief text, clipped to block text; null if it touches none. */
export function rangeToOffsets(range: Range, blocks: DomBlock[]): { start: number; end: number; blockId: string } | null {
  const touched = blocks.filter((block) => range.intersectsNode(block.element));
  if (touched.length === 0) return null;
  const first = touched[0];
  const last = touched[touched.length - 1];
  const start = first.element.contains(range.startContainer) ? offsetOf(blocks, range.startContainer, range.startOffset, "start") : first.start;
  const end = last.element.contains(range.endContainer) ? offsetOf(blocks, range.endContainer, range.endOffset, "end") : last.end;
  if (start === null || end === null || end <= start) return null;
  const startBlock = blocks.find((block) => start >= block.start && start < block.end) ?? first;
  return { start, end, blockId: startBlock.id };
}

/** DOM ranges covering a span of the brief text, one per block it crosses. */
export function offsetsToRanges(start: number, end: number, blocks: DomBlock[]): Range[] {
  const ranges: Range[] = [];
  for (const block of blocks) {
    const from = Math.max(start, block.start);
    const to = Math.min(end, block.end);
    if (from >= to) continue;
    const range = document.createRange();
    let at = block.start;
    let started = false;
    for (const text of textNodes(block.element)) {
      const length = codePointLength(text.data);
      if (!started && from <= at + length) {
        range.setStart(text, unitsOf(text.data, from - at));
        started = true;
      }
      if (started && to <= at + length) {
        range.setEnd(text, unitsOf(text.data, to - at));
        break;
      }
      at += length;
    }
    if (started) ranges.push(range);
  }
  return ranges;
}

/** The brief-text offset under a screen point (for clicks on highlights), or null. */
export function offsetAtPoint(x: number, y: number, blocks: DomBlock[]): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const position = doc.caretPositionFromPoint?.(x, y);
  if (position) return offsetOf(blocks, position.offsetNode, position.offset, "start");
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? offsetOf(blocks, range.startContainer, range.startOffset, "start") : null;
}
