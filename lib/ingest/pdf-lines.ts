/**
 * From a PDF page's positioned glyph runs to lines of text: runs grouped by baseline, ordered by x,
 * and spaces inferred from the gaps between runs, since many producers write no space characters.
 * Pure: the runs come from pdf.js in `pdf.ts`.
 */
import { attachesToWord } from "./line-join";
import { unifyIdeographs, unifyMiddleDots } from "./text";

/** One positioned run of glyphs as pdf.js reports it, in PDF user space (y grows upwards). */
export interface TextRun {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size in user space (the text matrix's vertical scale). */
  size: number;
}

export interface PageText {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
}

export interface Line {
  page: number;
  text: string;
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  size: number;
  /** Gaps wider than 2.5 em inside the line: the mark of table cells or columns. */
  wideGaps: number;
}

// A gap wider than this share of the font size is a space. Word spaces in Korean fonts are
// 0.25–0.33 em and justification only widens them; letter-spacing and kerning stay well below.
// (pdf.js inserts its own spaces at 0.102 em inside one text object; this catches gaps between runs.)
const SPACE_GAP = 0.2;
const WIDE_GAP = 2.5;

/**
 * Spaces that a gap suggested but Korean typography never has: word processors (Word,
 * LibreOffice) widen the gap between Hangul and digits or Latin letters ("autospace"), which reads
 * as a space by position alone. None stands inside brackets, before a comma or a full stop, around
 * a middle dot between Hangul, or between a number and its counter (`1957 년`, `제 9 조`).
 */
export function tidySpaces(text: string): string {
  return text
    .replace(/([([{‘“「『〈《]) (?=\S)/gu, "$1")
    .replace(/(?<=\S) ([)\]}’”」』〉》,.;:!?%])/gu, "$1")
    .replace(/(?<=[\uAC00-\uD7A3]) ?([·ㆍ]) ?(?=[\uAC00-\uD7A3])/gu, "$1")
    .replace(/(?<=\d) (?=(년|월|일|개|명|척|세대|조|억|원칙|가지|차|배)(?![\uAC00-\uD7A3]{3}))/gu, "")
    .replace(/(?<=(^|[\s(])제) (?=\d)/gu, "")
    // Japanese and Chinese put no spaces between kana and ideographs.
    .replace(/(?<=[\u3040-\u30FF\u3400-\u9FFF]) (?=[\u3040-\u30FF\u3400-\u9FFF])/gu, "")
    // A particle after a Latin word or a number belongs to it (`RAA 는` → `RAA는`).
    .replace(/(?<=[A-Za-z0-9)\]’”]) ([\uAC00-\uD7A3]+)(?=[\s,.;:!?)’”]|$)/gu, (whole, word: string) => (attachesToWord(word) ? word : whole));
}

/**
 * A line set with letter-spacing (justified CJK in LibreOffice and Word) comes out of pdf.js with
 * a space between every syllable; its real word spaces are no wider in the text it gives. True
 * when most tokens are single Hangul syllables: such a line's spaces are decided again like line
 * breaks (`pdf-blocks.ts`).
 */
export function isLetterSpaced(text: string): boolean {
  const tokens = text.split(" ");
  const single = tokens.filter((token) => /^[\uAC00-\uD7A3][,.)’”]?$/u.test(token)).length;
  return tokens.length >= 6 && single / tokens.length >= 0.5;
}

/** Groups a page's runs into lines, top to bottom, with spaces where the gaps say so. */
export function linesOfPage(page: PageText): Line[] {
  const runs = page.runs.filter((run) => run.size > 0 && run.text !== "" && Number.isFinite(run.x) && Number.isFinite(run.y));
  // Top to bottom, then left to right; a run belongs to the line whose baseline is within 0.4 em.
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const run of sorted) {
    const group = groups.at(-1);
    if (group && Math.abs(group[0].y - run.y) <= 0.4 * Math.max(group[0].size, run.size)) group.push(run);
    else groups.push([run]);
  }
  const lines: Line[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    let text = "";
    let end = -Infinity;
    let wideGaps = 0;
    let pendingSpace = false;
    for (const run of group) {
      if (run.text.trim() === "") {
        pendingSpace = text !== "";
        end = Math.max(end, run.x + run.width);
        continue;
      }
      const gap = run.x - end;
      const size = run.size;
      if (text !== "" && gap > WIDE_GAP * size) wideGaps++;
      const space = pendingSpace || (text !== "" && gap > SPACE_GAP * size);
      if (space && !/\s$/u.test(text) && !/^\s/u.test(run.text)) text += " ";
      text += run.text;
      end = Math.max(end, run.x + run.width);
      pendingSpace = false;
    }
    text = tidySpaces(unifyMiddleDots(unifyIdeographs(text.replace(/\s+/gu, " ").trim())));
    if (text === "") continue;
    const visible = group.filter((run) => run.text.trim() !== "");
    // The line's size: that of the run with the most characters (a superscript does not count).
    const main = visible.reduce((best, run) => (run.text.length > best.text.length ? run : best), visible[0]);
    lines.push({
      page: page.number,
      text,
      x0: visible[0].x,
      x1: Math.max(...visible.map((run) => run.x + run.width)),
      y: main.y,
      size: Math.round(main.size * 100) / 100,
      wideGaps,
    });
  }
  return lines;
}
