/**
 * What a PDF's pages carry besides the brief: running headers and footers (text repeated at the
 * top or bottom of most pages), page numbers, and a table of contents (dot leaders and page
 * numbers, over one page or several). Found here, left out of the text, kept as furniture.
 */
import type { Line, PageText } from "./pdf-lines";
import type { Furniture } from "./types";

// `3`, `- 3 -`, `– 3 –`, `3 / 12`, `p. 3`, `(3)`, `[3]`, `Page 3 of 12`, `- iii -`.
const PAGE_NUMBER =
  /^(?:[-–—]\s*)?(?:p\.?\s*|page\s+)?[([]?(?:\d{1,4}|[ivxlc]{1,6})[)\]]?(?:\s*(?:\/|of)\s*\d{1,4})?(?:\s*[-–—])?$/iu;
// A contents entry: text, then a leader of dots (or spaced dots) and a page number at the end.
const CONTENTS_ENTRY = /^(.*\S)\s*(?:[.·•…‥・∙_]\s*){3,}\s*[([]?\d{1,4}[)\]]?$/u;
const CONTENTS_TITLE = /^(?:목\s*차|차\s*례|contents|table\s+of\s+contents)$/iu;

/** Share of a page's height, from the top or the bottom, where running headers and footers live. */
const MARGIN = 0.15;

export interface FurnitureResult {
  /** The lines of each page that are the brief (page order, top to bottom). */
  body: Line[][];
  furniture: Furniture[];
}

const key = (text: string) => text.replace(/\d+/gu, "#").replace(/\s+/gu, "");

/** Separates furniture from the body lines of every page. */
export function separateFurniture(pages: PageText[], linesByPage: Line[][]): FurnitureResult {
  const furniture: Furniture[] = [];
  const taken = linesByPage.map((lines) => new Array<Furniture["where"] | null>(lines.length).fill(null));
  const pagesWithText = linesByPage.filter((lines) => lines.length > 0).length;

  // Candidates: the first two and last two lines of a page, inside the top or bottom margin.
  type Candidate = { page: number; index: number; zone: "top" | "bottom" };
  const candidates: Candidate[] = [];
  linesByPage.forEach((lines, p) => {
    const height = pages[p].height;
    const picks = new Set([0, 1, lines.length - 2, lines.length - 1].filter((index) => index >= 0 && index < lines.length));
    for (const index of picks) {
      const line = lines[index];
      if (line.y > height * (1 - MARGIN)) candidates.push({ page: p, index, zone: "top" });
      else if (line.y < height * MARGIN) candidates.push({ page: p, index, zone: "bottom" });
    }
  });
  // Repeated text (digits ignored, so `- 3 -` and `호 3` match their siblings) on enough pages.
  const pagesOfKey = new Map<string, Set<number>>();
  for (const candidate of candidates) {
    const k = `${candidate.zone}:${key(linesByPage[candidate.page][candidate.index].text)}`;
    if (!pagesOfKey.has(k)) pagesOfKey.set(k, new Set());
    pagesOfKey.get(k)!.add(candidate.page);
  }
  const enough = Math.max(2, Math.ceil(pagesWithText * 0.4));
  for (const candidate of candidates) {
    const line = linesByPage[candidate.page][candidate.index];
    const repeated = (pagesOfKey.get(`${candidate.zone}:${key(line.text)}`)?.size ?? 0) >= enough;
    if (PAGE_NUMBER.test(line.text.trim()) && (repeated || isolated(linesByPage[candidate.page], candidate.index))) {
      taken[candidate.page][candidate.index] = "page-number";
    } else if (repeated) {
      taken[candidate.page][candidate.index] = candidate.zone === "top" ? "header" : "footer";
    }
  }

  // Contents pages: many entries with leaders, or a contents title and a few entries; a page
  // right after one that is still mostly entries continues it.
  let previousWasContents = false;
  linesByPage.forEach((lines, p) => {
    const rest = lines.map((line, index) => ({ line, index })).filter(({ index }) => taken[p][index] === null);
    const entries = rest.filter(({ line }) => CONTENTS_ENTRY.test(line.text));
    const titled = rest.find(({ line }) => CONTENTS_TITLE.test(line.text.trim()));
    const share = rest.length > 0 ? entries.length / rest.length : 0;
    const isContents = (entries.length >= 3 && share >= 0.4) || (titled !== undefined && entries.length >= 2) || (previousWasContents && entries.length >= 2 && share >= 0.4);
    previousWasContents = isContents;
    if (!isContents) return;
    // From the title (or the first entry) to the last entry: an entry may wrap over two lines.
    const first = titled && titled.index < entries[0].index ? titled.index : entries[0].index;
    const last = entries.at(-1)!.index;
    for (const { index } of rest) if (index >= first && index <= last) taken[p][index] = "contents";
  });

  const body: Line[][] = linesByPage.map((lines, p) => {
    const kept: Line[] = [];
    lines.forEach((line, index) => {
      const where = taken[p][index];
      if (where) furniture.push({ page: line.page, text: line.text, where });
      else kept.push(line);
    });
    return kept;
  });
  return { body, furniture };
}

/** A line set apart from its neighbours by more than twice the usual line pitch (a lone page number). */
function isolated(lines: Line[], index: number): boolean {
  const line = lines[index];
  const neighbour = index === 0 ? lines[1] : index === lines.length - 1 ? lines[index - 1] : null;
  if (!neighbour) return lines.length === 1;
  return Math.abs(neighbour.y - line.y) > 2 * Math.max(line.size, neighbour.size) * 1.2;
}
