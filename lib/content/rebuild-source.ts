/**
 * Gives back the exact source text from the document model: markers, text and line joins.
 * The parser's promise that no character is lost is tested with this.
 */
import type { BriefDocument, SourceTrace } from "@/lib/domain/brief";
import { codePointLength } from "@/lib/text/code-points";

function unitSource(text: string, source: SourceTrace): string {
  const chars = Array.from(text);
  // Undo joins from the last to the first so earlier offsets stay valid.
  for (const join of [...source.joins].reverse()) {
    chars.splice(join.at, codePointLength(join.text), join.source);
  }
  return source.before + source.prefix + chars.join("") + source.suffix;
}

/** The source text the model was parsed from (NFC-normalized). */
export function rebuildSource(document: BriefDocument): string {
  let out = "";
  const header = [document.title, document.byline, ...document.labels].filter((line) => line !== null);
  // Header lines and sections interleave only in source order; sort units by their line.
  const units: { line: number; column: number; text: string; source: SourceTrace }[] = header.map((line) => ({
    line: line.source.line,
    column: line.source.column,
    text: line.text,
    source: line.source,
  }));
  for (const section of document.sections) {
    if (section.source) units.push({ line: section.source.line, column: section.source.column, text: section.title, source: section.source });
    for (const block of section.blocks) units.push({ line: block.source.line, column: block.source.column, text: block.text, source: block.source });
  }
  units.sort((a, b) => a.line - b.line || a.column - b.column);
  for (const unit of units) out += unitSource(unit.text, unit.source);
  return out + document.after;
}
