/**
 * The brief format, line by line: `■` section headings, `❍` claims, `-` supporting points,
 * and lines wrapped mid-sentence that continue the unit above them. This module is pure:
 * it turns NFC text into units that keep every source character, and collects problems
 * as located notices instead of throwing, so a bad line is a warning and never a crash.
 */
import type { LineJoin, SourceTrace } from "@/lib/domain/brief";
import { codePointLength } from "@/lib/text/code-points";

export type UnitKind = "title" | "byline" | "label" | "section" | "claim" | "point";

/** One unit of the brief with its rejoined text, its source trace and its span in the source. */
export interface ScannedUnit {
  kind: UnitKind;
  text: string;
  source: SourceTrace;
  /** UTF-16 offsets into the NFC text, as unist positions count them. */
  start: { line: number; column: number; offset: number };
  end: { line: number; column: number; offset: number };
}

export interface ScanNotice {
  reason: string;
  ruleId: "unknown-marker" | "empty-section" | "stray-blank-line" | "point-without-claim" | "block-outside-section" | "empty-block";
  line: number;
  column: number;
}

export interface ScanResult {
  units: ScannedUnit[];
  after: string;
  notices: ScanNotice[];
}

export interface BriefMarkers {
  section: string;
  claim: string;
  point: string;
}

export const defaultMarkers: BriefMarkers = { section: "■", claim: "❍", point: "-" };

// A line break after these characters replaced nothing: `다각적·\n다층적` reads `다각적·다층적`.
const NO_SPACE_AFTER = new Set(["·", "ㆍ", "・", "/", "(", "（", "[", "‘", "“", "「", "『", "〈", "《"]);

// A symbol or dash followed by a space at the start of a line looks like a list marker.
// Quotes and brackets are left out: a wrapped line may well start with `‘균형형`.
const MARKER_LIKE = /^([\p{So}\p{Sm}\p{Pd}*•·○●◦▪▶►◆◇□※]+)(\s+)/u;

interface Line {
  content: string;
  terminator: string;
  number: number;
  offset: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /([^\r\n]*)(\r\n|\n|\r|$)/g;
  let number = 1;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const [whole, content, terminator] = match;
    if (whole === "" && match.index === text.length) {
      // The empty match at the end: a final line only if the text ended with a break.
      if (lines.length === 0 || lines[lines.length - 1].terminator !== "") {
        lines.push({ content: "", terminator: "", number, offset: match.index });
      }
      break;
    }
    lines.push({ content, terminator, number, offset: match.index });
    number++;
  }
  return lines;
}

function leadingWhitespace(text: string): string {
  return /^\s*/u.exec(text)?.[0] ?? "";
}

/** Scans NFC-normalized brief text into units. */
export function scanBrief(text: string, markers: BriefMarkers = defaultMarkers): ScanResult {
  const units: ScannedUnit[] = [];
  const notices: ScanNotice[] = [];
  const state = {
    headerLines: 0,
    inBody: false,
    section: null as ScannedUnit | null,
    sectionHasBlocks: false,
    claimOpen: false,
    current: null as ScannedUnit | null,
    // Source between the end of the previous unit's text and what comes next.
    pending: "",
    firstBlankLine: null as number | null,
  };

  const notice = (ruleId: ScanNotice["ruleId"], reason: string, line: number, column: number) =>
    notices.push({ ruleId, reason, line, column });

  const checkSectionNotEmpty = () => {
    const { section } = state;
    if (section && !state.sectionHasBlocks) {
      notice("empty-section", `Section “${section.text}” has no claims`, section.start.line, section.start.column);
    }
  };

  const finishCurrent = () => {
    const unit = state.current;
    if (unit && unit.text === "" && (unit.kind === "claim" || unit.kind === "point")) {
      notice("empty-block", `Empty ${unit.kind}`, unit.start.line, unit.start.column);
    }
    state.current = null;
  };

  const startUnit = (kind: UnitKind, line: Line, prefix: string, rest: string) => {
    finishCurrent();
    const body = rest.replace(/\s+$/u, "");
    const column = 1 + leadingWhitespace(line.content).length;
    const unit: ScannedUnit = {
      kind,
      text: body,
      source: { before: state.pending, prefix, joins: [], suffix: rest.slice(body.length), line: line.number, column },
      start: { line: line.number, column, offset: line.offset + column - 1 },
      end: { line: line.number, column: line.content.length + 1, offset: line.offset + line.content.length },
    };
    units.push(unit);
    state.current = unit;
    state.pending = line.terminator;
    state.firstBlankLine = null;
  };

  const continueUnit = (unit: ScannedUnit, line: Line) => {
    const lead = leadingWhitespace(line.content);
    const body = line.content.slice(lead.length).replace(/\s+$/u, "");
    const joinText = unit.text === "" || NO_SPACE_AFTER.has(unit.text.slice(-1)) ? "" : " ";
    const join: LineJoin = { at: codePointLength(unit.text), source: unit.source.suffix + state.pending + lead, text: joinText };
    unit.source.joins.push(join);
    unit.text += joinText + body;
    unit.source.suffix = line.content.slice(lead.length + body.length);
    unit.end = { line: line.number, column: line.content.length + 1, offset: line.offset + line.content.length };
    state.pending = line.terminator;
    state.firstBlankLine = null;
  };

  for (const line of splitLines(text)) {
    if (line.content.trim() === "") {
      if (line.content === "" && line.terminator === "") break; // the end of the text
      state.firstBlankLine ??= line.number;
      state.pending += line.content + line.terminator;
      continue;
    }
    const lead = leadingWhitespace(line.content);
    const trimmed = line.content.slice(lead.length);
    const marker = markerOf(trimmed, markers);

    if (state.firstBlankLine !== null && (state.inBody || marker)) {
      notice("stray-blank-line", "Stray blank line", state.firstBlankLine, 1);
    }

    if (!marker) {
      if (state.inBody && state.current) {
        continueUnit(state.current, line);
      } else {
        // Header lines stand one to a line: the title, the byline, then labels such as 핵심요약.
        const kind: UnitKind = state.headerLines === 0 ? "title" : state.headerLines === 1 ? "byline" : "label";
        state.headerLines++;
        startUnit(kind, line, lead, trimmed);
        finishCurrent();
      }
      continue;
    }

    state.inBody = true;
    const column = lead.length + 1;
    let kind = marker.kind;
    if (marker.unknown) {
      kind = state.claimOpen ? "point" : "claim";
      notice("unknown-marker", `Unknown marker “${marker.text}”; read as a ${kind}`, line.number, column);
    }
    if (kind === "section") {
      finishCurrent();
      checkSectionNotEmpty();
      state.sectionHasBlocks = false;
      state.claimOpen = false;
    } else {
      if (!state.section) notice("block-outside-section", `A ${kind} before the first section`, line.number, column);
      if (kind === "point" && !state.claimOpen) {
        notice("point-without-claim", "A point before any claim in its section", line.number, column);
      }
      if (kind === "claim") state.claimOpen = true;
      state.sectionHasBlocks = true;
    }
    const rest = trimmed.slice(marker.text.length);
    const gap = leadingWhitespace(rest);
    startUnit(kind, line, lead + marker.text + gap, rest.slice(gap.length));
    if (kind === "section") state.section = state.current;
  }
  finishCurrent();
  checkSectionNotEmpty();
  return { units, after: state.pending, notices };
}

function markerOf(
  line: string,
  markers: BriefMarkers,
): { kind: UnitKind; text: string; unknown: boolean } | null {
  const known: [UnitKind, string][] = [
    ["section", markers.section],
    ["claim", markers.claim],
    ["point", markers.point],
  ];
  for (const [kind, marker] of known) {
    if (!line.startsWith(marker)) continue;
    const after = line.slice(marker.length);
    // `-` is a point only when a space follows: `-2%` on a wrapped line is text.
    if (kind === "point" && !/^\s/u.test(after)) continue;
    return { kind, text: marker, unknown: false };
  }
  const match = MARKER_LIKE.exec(line);
  if (match) return { kind: "claim", text: match[1], unknown: true };
  return null;
}
