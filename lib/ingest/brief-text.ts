/** Converts text already in the brief format: re-emits it one unit per line, as every converter does. */
import { scanBrief } from "@/lib/content/scan-brief";
import { type Outline, type OutlineItem, serializeOutline } from "./outline";
import { decodeUtf8, guessLanguage } from "./text";
import { type ConvertedBrief, IngestError, type IngestProblem } from "./types";

/** Brief-format UTF-8 bytes (BOM and CRLF allowed) → a converted brief with each unit on one line. */
export function convertBriefText(bytes: Uint8Array): ConvertedBrief {
  const decoded = decodeUtf8(bytes);
  if (decoded === null) throw new IngestError("corrupt", "The text is not valid UTF-8");
  const text = decoded.normalize("NFC");
  // The scanner already rejoins wrapped lines the way the reader does; its units are the outline.
  const scan = scanBrief(text);
  const outline: Outline = { title: "", labels: [], items: [] };
  const itemOfInputLine: { line: number; item: number }[] = [];
  for (const unit of scan.units) {
    if (unit.kind === "title") outline.title = unit.text;
    else if (unit.kind === "byline") outline.byline = unit.text;
    else if (unit.kind === "label") outline.labels.push(unit.text);
    else {
      itemOfInputLine.push({ line: unit.start.line, item: outline.items.length });
      outline.items.push({ kind: unit.kind, text: unit.text } satisfies OutlineItem);
    }
  }
  if (outline.items.length === 0 && outline.title === "") throw new IngestError("no-content", "The file has no text");
  // Problems of the input (an unknown marker, say) that the re-emitted text no longer shows.
  outline.problems = scan.notices
    .filter((notice) => notice.ruleId === "unknown-marker" || notice.ruleId === "stray-blank-line")
    .map((notice) => {
      const owner = itemOfInputLine.filter((entry) => entry.line <= notice.line).at(-1);
      return { item: owner?.item, message: `${notice.reason} (input line ${notice.line})`, rule: notice.ruleId };
    });
  const serialized = serializeOutline(outline);
  return {
    format: "brief",
    source: serialized.source,
    metadata: withLanguage({ title: outline.title || undefined }, text),
    pages: null,
    furniture: [],
    problems: dedupe(serialized.problems),
  };
}

function withLanguage(metadata: ConvertedBrief["metadata"], text: string): ConvertedBrief["metadata"] {
  const language = guessLanguage(text);
  const out = Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined));
  return language ? { ...out, language } : out;
}

/** Drops repeated problems (same line, same rule). */
export function dedupe(problems: IngestProblem[]): IngestProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.line}:${problem.page}:${problem.rule}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
