/**
 * From a PDF's body lines to the brief outline: lines grouped into blocks (by list markers, font
 * size, indentation, vertical gaps and where the previous line ended, across page breaks too),
 * blocks given a kind (headings → sections, the least indented list level → claims, deeper →
 * points), and wrapped lines rejoined with the Korean line-join decisions.
 */
import { buildVocabulary, decideJoin, guessWrapMode, joinLines, type Vocabulary, type WrapMode } from "./line-join";
import type { Outline, OutlineItem, OutlineProblem } from "./outline";
import { isLetterSpaced, type Line } from "./pdf-lines";

// Bullets that are structure, not text: left out of the unit's text.
const BULLET = /^([■□▪▫◆◇◈▶▷►▸❍❏❐❑❒○◦●•∙⦁◎ㅇ※➢➤✓✔★☆◯·\-–—])\s+/u;
// Bullets that may touch the text (a square or a circle is never the start of a word).
const TIGHT_BULLET = /^([■□▪◆◇▶►❍○●◦◯])(?=\S)/u;
// Numbering kept in the text (it is the document's own): `1.`, `1.2`, `가.`, `(1)`, `1)`, `①`, `I.`.
const NUMBERED = /^(?:\d{1,2}(?:\.\d{1,2})*\.(?=\s)|\d{1,2}(?:\.\d{1,2})+(?=\s)|\d{1,2}\)|\(\d{1,2}\)|[가나다라마바사아자차카타파하]\.(?=\s)|[가나다라마바사아자차카타파하]\)|\([가나다라마바사아자차카타파하]\)|[\u2460-\u2473]|[IVX]{1,4}\.(?=\s))/u;
// Section bullets: a brief's own `■`.
const SECTION_BULLET = new Set(["■"]);

interface Block {
  lines: Line[];
  /** The bullet left out of the text, if any. */
  bullet: string | null;
  numbered: boolean;
  heading: boolean;
  size: number;
  /** Where the block's first line starts (the marker's x). */
  x0: number;
  /** Where its text starts after the marker (estimated inside a run). */
  textX: number;
}

/** One decision at a line end inside a unit, kept for measuring the decisions against a known text. */
export interface LineJoinRecord {
  page: number;
  left: string;
  right: string;
  text: "" | " ";
}

export interface BlocksResult {
  outline: Outline;
  vocabulary: Vocabulary;
  wrap: WrapMode;
  joins: LineJoinRecord[];
}

/** The most common value, weighted: the body font size, the usual line pitch. */
function mode(values: { value: number; weight: number }[]): number {
  const buckets = new Map<number, number>();
  for (const { value, weight } of values) {
    const bucket = Math.round(value * 4) / 4;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + weight);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [value, weight] of buckets) {
    if (weight > bestWeight) {
      best = value;
      bestWeight = weight;
    }
  }
  return best;
}

function markerOf(text: string): { bullet: string | null; numbered: boolean; rest: string } {
  const bullet = BULLET.exec(text) ?? TIGHT_BULLET.exec(text);
  if (bullet) return { bullet: bullet[1], numbered: false, rest: text.slice(bullet[0].length) };
  if (NUMBERED.test(text)) return { bullet: null, numbered: true, rest: text };
  return { bullet: null, numbered: false, rest: text };
}

/**
 * The width a word would take: Hangul, kana and ideographs are about an em wide in every Korean
 * font; Latin letters, digits and punctuation about half. (A line's average will not do: a few
 * Latin words make it much narrower than the Korean word that did not fit.)
 */
function estimatedWidth(word: string, size: number): number {
  let em = 0;
  for (const char of word) em += /[\uAC00-\uD7A3\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF]/u.test(char) ? 0.92 : 0.5;
  return em * size;
}

/** Lines (body only, page order) → the outline of the brief. */
export function blocksToOutline(pages: Line[][], metadataTitle: string | undefined): BlocksResult {
  const lines = pages.flat();
  const problems: OutlineProblem[] = [];
  const bodySize = mode(lines.map((line) => ({ value: line.size, weight: line.text.length })));
  const isHeadingSize = (size: number) => size >= bodySize * 1.12;
  // The usual distance between baselines of consecutive body-size lines.
  const pitches: { value: number; weight: number }[] = [];
  for (const pageLines of pages) {
    for (let i = 1; i < pageLines.length; i++) {
      const a = pageLines[i - 1];
      const b = pageLines[i];
      if (Math.abs(a.size - bodySize) < 0.5 && Math.abs(b.size - bodySize) < 0.5) pitches.push({ value: a.y - b.y, weight: 1 });
    }
  }
  const pitch = mode(pitches) || bodySize * 1.5;
  // The right edge of the text on each page: where a full line ends.
  const rightEdge = new Map<number, number>();
  for (const pageLines of pages) {
    const bodyLines = pageLines.filter((line) => Math.abs(line.size - bodySize) < 0.5);
    if (bodyLines.length > 0) rightEdge.set(bodyLines[0].page, Math.max(...bodyLines.map((line) => line.x1)));
  }

  // ---- The document's vocabulary, from every line but letter-spaced ones, and how it wraps: by
  // syllable or by word (guessed from the line ends of consecutive lines, block ends included:
  // those end in punctuation or meet a marker and do not count).
  const vocabulary = buildVocabulary(lines.filter((line) => !isLetterSpaced(line.text)).map((line) => line.text));
  const consecutive: [string, string][] = [];
  for (const pageLines of pages) for (let i = 1; i < pageLines.length; i++) consecutive.push([pageLines[i - 1].text, pageLines[i].text]);
  const wrap: WrapMode = guessWrapMode(consecutive, vocabulary);

  // ---- Lines → blocks.
  const blocks: Block[] = [];
  let previous: Line | null = null;
  for (const line of lines) {
    const marker = markerOf(line.text);
    const heading = isHeadingSize(line.size);
    const current = blocks.at(-1);
    const charWidth = (line.x1 - line.x0) / Math.max(1, Array.from(line.text).length);
    let starts = !current || marker.bullet !== null || marker.numbered || heading !== current.heading;
    if (!starts && current && previous) {
      const samePage = previous.page === line.page;
      const sizeChange = Math.abs(line.size - current.size) > 0.12 * current.size;
      const gap = samePage ? previous.y - line.y : 0;
      const edge = rightEdge.get(previous.page) ?? previous.x1;
      // Room left on the previous line for what starts this one: one syllable of Korean in a
      // layout that wraps by syllable, else the first word. If it would have fitted, the previous
      // line ended its block.
      const first = line.text.split(" ")[0];
      const syllable = wrap === "syllable" && /^[\uAC00-\uD7A3\u3040-\u30FF\u4E00-\u9FFF]/u.test(first);
      const needed = syllable ? charWidth : estimatedWidth(first, line.size);
      const roomy = edge - previous.x1 > needed + 0.5 * line.size;
      const indented = line.x0 > current.textX + 0.8 * line.size;
      const outdented = line.x0 < current.x0 - 0.8 * line.size;
      starts = sizeChange || (samePage && gap > pitch * 1.3) || (roomy && !current.heading) || indented || outdented;
      if (current.heading && !sizeChange && samePage && gap <= line.size * 1.9) starts = false; // a heading wrapped
    }
    if (starts) {
      const markerWidth = marker.bullet ? (line.x1 - line.x0) * ((line.text.length - marker.rest.length) / Math.max(1, line.text.length)) : 0;
      blocks.push({
        lines: [{ ...line, text: marker.rest }],
        bullet: marker.bullet,
        numbered: marker.numbered,
        heading,
        size: line.size,
        x0: line.x0,
        textX: line.x0 + markerWidth,
      });
    } else {
      current!.lines.push(line);
      current!.textX = Math.min(current!.textX, line.x0);
    }
    previous = line;
  }

  // A letter-spaced line's spaces between Hangul syllables are decided like line breaks.
  const respace = (text: string) => {
    if (!isLetterSpaced(text)) return text;
    const parts = text.split(" ");
    let out = parts[0];
    for (let i = 1; i < parts.length; i++) {
      const hangulPair = /[\uAC00-\uD7A3]$/u.test(out) && /^[\uAC00-\uD7A3]/u.test(parts[i]);
      out += (hangulPair ? decideJoin(out, parts.slice(i).join(" "), vocabulary).text : " ") + parts[i];
    }
    return out;
  };
  const joins: LineJoinRecord[] = [];
  const textOf = (block: Block) => {
    const texts = block.lines.map((line) => respace(line.text));
    for (let i = 1; i < texts.length; i++) {
      const left = joinLines(texts.slice(0, i), vocabulary, wrap);
      joins.push({ page: block.lines[i].page, left, right: texts[i], text: decideJoin(left, texts[i], vocabulary, wrap).text });
    }
    return joinLines(texts, vocabulary, wrap);
  };

  // ---- The title: the largest text on the first page with text, if it stands out; else the
  // metadata's title when it is a real one; else the first block.
  const outline: Outline = { title: "", labels: [], items: [], headerPages: { labels: [] }, problems };
  let index = 0;
  const firstPage = blocks[0]?.lines[0].page;
  const onFirstPage = blocks.filter((block) => block.lines[0].page === firstPage);
  const largest = Math.max(...onFirstPage.map((block) => block.size));
  const titleAt = blocks.findIndex((block) => block.lines[0].page === firstPage && block.size === largest);
  const leading: Block[] = [];
  if (titleAt >= 0 && largest >= bodySize * 1.2) {
    leading.push(...blocks.slice(0, titleAt));
    outline.title = textOf(blocks[titleAt]);
    outline.headerPages!.title = blocks[titleAt].lines[0].page;
    index = titleAt + 1;
  } else if (metadataTitle) {
    outline.title = metadataTitle;
  } else if (blocks[0]) {
    outline.title = textOf(blocks[0]);
    outline.headerPages!.title = blocks[0].lines[0].page;
    index = 1;
  }
  // The byline: a short line right after the title, on its page, that is no heading or list item.
  const next = blocks[index];
  if (next && next.lines[0].page === (outline.headerPages!.title ?? firstPage) && !next.bullet && !next.numbered && next.lines.length <= 2) {
    const text = textOf(next);
    if (Array.from(text).length <= 80 && next.size < largest) {
      outline.byline = text;
      outline.headerPages!.byline = next.lines[0].page;
      index++;
    }
  }

  // ---- Kinds. Headings: the largest heading size makes sections, smaller headings are claims.
  const rest = [...leading, ...blocks.slice(index)];
  const headingSizes = rest.filter((block) => block.heading).map((block) => block.size);
  const sectionSize = headingSizes.length > 0 ? Math.max(...headingSizes) : Infinity;
  // List levels by where the marker stands: the least indented level gives claims.
  const listX = rest.filter((block) => (block.bullet || block.numbered) && !block.heading && !SECTION_BULLET.has(block.bullet ?? "")).map((block) => block.x0);
  const levels: number[] = [];
  for (const x of [...listX].sort((a, b) => a - b)) if (levels.length === 0 || x - levels.at(-1)! > bodySize * 0.5) levels.push(x);
  const levelOf = (x: number) => {
    let level = 0;
    levels.forEach((start, i) => {
      if (x >= start - bodySize * 0.5) level = i;
    });
    return level;
  };
  const kindOf = (block: Block): OutlineItem["kind"] => {
    if (block.bullet && SECTION_BULLET.has(block.bullet)) return "section";
    if (block.heading) return block.size >= sectionSize - 0.25 ? "section" : "claim";
    if (block.bullet || block.numbered) return levelOf(block.x0) === 0 ? "claim" : "point";
    return "claim";
  };
  const items = rest.map((block) => ({ kind: kindOf(block), text: textOf(block), page: block.lines[0].page, block }));

  // Before the first section that has content: short units are labels (핵심요약), others claims.
  let firstSection = items.findIndex((item, i) => item.kind === "section" && items[i + 1] && items[i + 1].kind !== "section");
  if (firstSection < 0) firstSection = items.findIndex((item) => item.kind === "section");
  let start = 0;
  if (firstSection > 0) {
    // (A line with the brief's own section marker is a section, however short.)
    while (start < firstSection && !items[start].block.bullet && Array.from(items[start].text).length <= 40 && !/[.!?。]$/u.test(items[start].text)) {
      outline.labels.push(items[start].text);
      outline.headerPages!.labels!.push(items[start].page);
      start++;
    }
  }
  for (const item of items.slice(start)) {
    if (/[\uE000-\uF8FF\uFFFD]/u.test(item.text)) {
      problems.push({ item: outline.items.length, page: item.page, message: "Unreadable glyphs (no Unicode mapping in the font)", rule: "unreadable-glyph" });
    }
    if (item.block.lines.filter((line) => line.wideGaps >= 1).length >= 2) {
      problems.push({ item: outline.items.length, page: item.page, message: "A table or columns were flattened into text", rule: "table-flattened" });
    }
    outline.items.push({ kind: item.kind, text: item.text, page: item.page });
  }
  return { outline, vocabulary, wrap, joins };
}
