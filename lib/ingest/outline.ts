/**
 * The outline every converter builds (title, byline, labels, sections, claims, points) and the one
 * serializer from it to brief source text, so the format's rules live in one place.
 */
import { scanBrief } from "@/lib/content/scan-brief";
import { cleanUnitText, hasHangul } from "./text";
import type { IngestMetadata, IngestProblem } from "./types";

export type OutlineKind = "section" | "claim" | "point";

export interface OutlineItem {
  kind: OutlineKind;
  text: string;
  /** 1-based page where the item starts (PDF only). */
  page?: number;
}

/** A problem found while building the outline, tied to an item (index into `items`) or the title (-1). */
export interface OutlineProblem {
  item?: number;
  page?: number;
  message: string;
  rule: string;
}

export interface Outline {
  title: string;
  byline?: string;
  labels: string[];
  items: OutlineItem[];
  /** Pages of the header lines, for PDFs. */
  headerPages?: { title?: number; byline?: number; labels?: (number | undefined)[] };
  problems?: OutlineProblem[];
}

export interface SerializedOutline {
  source: string;
  /** For each line of `source`, the page its unit starts on (null when unknown). */
  pages: (number | null)[];
  problems: IngestProblem[];
}

const MARKERS: Record<OutlineKind, string> = { section: "■ ", claim: "❍ ", point: "- " };

/**
 * A header line (title, byline, label) must not read as a block: the scanner takes a leading
 * `■`, `❍`, `- ` or any symbol followed by a space for a marker. Such a prefix is a list marker
 * the document carried, so it is structural and left out, with a problem saying so.
 */
function headerSafe(text: string, problems: OutlineProblem[], what: string, item: number | undefined): string {
  let line = text;
  for (let guard = 0; guard < 8 && line !== ""; guard++) {
    const unit = scanBrief(line).units[0];
    if (!unit || unit.kind === "title") break;
    const prefix = unit.source.prefix.trim();
    problems.push({ item, message: `Marker “${prefix}” left out of the ${what}`, rule: "marker-in-header" });
    line = line.slice(unit.source.prefix.length).trim();
  }
  return line;
}

/** The byline when the document names nobody: what the metadata knows, else a placeholder. */
export function fallbackByline(metadata: IngestMetadata, sample: string): string {
  const named = [metadata.author, metadata.affiliation].filter(Boolean).join(" ").trim();
  if (named) return named;
  return hasHangul(sample) || metadata.language === "ko" ? "작성자 미상" : "Unknown author";
}

/**
 * Serializes an outline to brief source text, one unit per line, with the page of each line.
 * Rules: a point with no claim before it in its section becomes a claim (the format has no
 * orphan points); empty items are dropped; every header line is kept free of markers. The text
 * is then scanned as `parseBrief` would, and whatever the scanner still objects to (a section with
 * no claims, blocks before the first section) is reported as problems on their lines.
 */
export function serializeOutline(outline: Outline, metadata: IngestMetadata = {}): SerializedOutline {
  const problems: OutlineProblem[] = [...(outline.problems ?? [])];
  const lines: string[] = [];
  const pages: (number | null)[] = [];
  const lineOfItem = new Map<number, number>();
  const push = (text: string, page: number | undefined) => {
    lines.push(text);
    pages.push(page ?? null);
  };

  const sample = outline.items.slice(0, 20).map((item) => item.text).join(" ") + outline.title;
  let title = headerSafe(cleanUnitText(outline.title), problems, "title", -1);
  if (title === "") {
    title = cleanUnitText(metadata.title ?? "") || "Untitled";
    problems.push({ item: -1, message: "The document has no title", rule: "no-title" });
  }
  push(title, outline.headerPages?.title);
  let byline = headerSafe(cleanUnitText(outline.byline ?? ""), problems, "byline", -1);
  if (byline === "") {
    byline = fallbackByline(metadata, sample);
    problems.push({ item: -1, message: "The document names no author; the byline is a placeholder", rule: "no-byline" });
  }
  push(byline, outline.headerPages?.byline ?? outline.headerPages?.title);
  outline.labels.forEach((label, index) => {
    const text = headerSafe(cleanUnitText(label), problems, "label", -1);
    if (text !== "") push(text, outline.headerPages?.labels?.[index]);
  });

  let claimOpen = false;
  outline.items.forEach((item, index) => {
    const text = cleanUnitText(item.text);
    if (text === "") return;
    let kind = item.kind;
    if (kind === "section") claimOpen = false;
    else if (kind === "point" && !claimOpen) kind = "claim";
    if (kind === "claim") claimOpen = true;
    lineOfItem.set(index, lines.length + 1);
    push(MARKERS[kind] + text, item.page);
  });

  const source = `${lines.join("\n")}\n`;
  const located: IngestProblem[] = problems.map((problem) => {
    const line = problem.item === -1 ? 1 : problem.item !== undefined ? lineOfItem.get(problem.item) : undefined;
    const page = problem.page ?? (line ? (pages[line - 1] ?? undefined) : undefined);
    return withoutUndefined({ line, page, message: problem.message, rule: problem.rule });
  });
  for (const notice of scanBrief(source).notices) {
    const page = pages[notice.line - 1] ?? undefined;
    located.push(withoutUndefined({ line: notice.line, page, message: notice.reason, rule: notice.ruleId }));
  }
  return { source, pages, problems: located };
}

function withoutUndefined(problem: IngestProblem): IngestProblem {
  const out: IngestProblem = { message: problem.message, rule: problem.rule };
  if (problem.line !== undefined) out.line = problem.line;
  if (problem.page !== undefined) out.page = problem.page;
  return out;
}
