/**
 * A note's Markdown, made safe to stand inside a larger Markdown file without changing what it
 * says. Bodies are kept as written; only what would reach outside the note is changed:
 *
 * - ATX headings (`# …`) are demoted below the note's own heading (`#` → level + 1, and so on,
 *   at most `######`), so a body can never open a section of the file or sit beside a note.
 * - Setext underlines (`===` or `---` under a line of text) are escaped (`\---`), so a body
 *   starting with YAML-like `---` lines cannot turn a line into a heading either; the
 *   underline then reads as text.
 * - A code fence left open is closed at the end of the body, so it cannot swallow later notes.
 * - Raw HTML is escaped (`\<script>`), closed or not, block or inline: the reader never runs a
 *   note's HTML (note-markdown.ts), and Obsidian or a Markdown previewer opening the file must not
 *   either; escaped, it reads as the characters typed. Autolinks (`<https://…>`) and code
 *   (fenced, indented, inline) are left alone.
 * - Obsidian's paired `%%` (comment) and `$$` (math) delimiters are escaped when unpaired.
 * - Footnote labels (`[^1]`) get the note's prefix, since footnotes are global to a file.
 * - Line endings become "\n"; U+0000 becomes U+FFFD (as CommonMark reads it anyway).
 * Pure, line-based, and no wider than CommonMark's block structure needs.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^( {0,3})(#{1,6})(?=[ \t]|$)/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
// Where raw HTML starts: `<` before a tag name, `/`, `!` or `?`, unless it opens an autolink.
const HTML_START = /<(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)(?=[A-Za-z/!?])/g;
// Inline code spans, kept verbatim: a run of backticks, anything, the same run.
const CODE_SPAN = /(`+)[^`]*?\1/g;

/** A line's raw HTML escaped outside its code spans. */
function escapeHtml(line: string): string {
  let out = "";
  let at = 0;
  for (const span of line.matchAll(CODE_SPAN)) {
    out += line.slice(at, span.index).replace(HTML_START, "\\<") + span[0];
    at = (span.index ?? 0) + span[0].length;
  }
  return out + line.slice(at).replace(HTML_START, "\\<");
}

export interface ContainOptions {
  /** The heading level of the note the body belongs to (3 for a note, 4+ for replies). */
  headingLevel: number;
  /** Put before every footnote label, unique per note in the file (e.g. "n3"). */
  footnotePrefix: string;
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === "";
}

/** The body, changed only where it would break the file around it (see the module comment). */
export function containNoteBody(markdown: string, options: ContainOptions): string {
  const lines = markdown.replace(/\r\n?/g, "\n").replace(/\u0000/g, "\uFFFD").split("\n");
  const out: string[] = [];
  // Whether each output line is Markdown (true) or literal code/HTML (false), for the last pass.
  const markdownLine: boolean[] = [];
  let fence: { char: string; length: number } | null = null;
  // Whether the previous line could be the text of a setext heading.
  let paragraph = false;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (fence) {
      out.push(line);
      markdownLine.push(false);
      const close = FENCE.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length && close[2].trim() === "") fence = null;
      continue;
    }
    const open = FENCE.exec(line);
    // A backtick fence's info string may not contain backticks; then it is no fence.
    if (open && !(open[1][0] === "`" && open[2].includes("`"))) {
      fence = { char: open[1][0], length: open[1].length };
      out.push(line);
      markdownLine.push(false);
      paragraph = false;
      continue;
    }
    // Indented code (not inside a paragraph) is code: nothing in it is escaped.
    if (!paragraph && /^( {4}|\t)/.test(line) && !isBlank(line)) {
      out.push(line);
      markdownLine.push(false);
      continue;
    }
    const heading = ATX.exec(line);
    if (heading) {
      const level = Math.min(6, options.headingLevel + heading[2].length);
      out.push(`${heading[1]}${"#".repeat(level)}${line.slice(heading[0].length)}`);
      markdownLine.push(true);
      paragraph = false;
      continue;
    }
    if (SETEXT.test(line) && paragraph) {
      out.push(line.replace(/^( {0,3})/, "$1\\"));
      markdownLine.push(true);
      continue;
    }
    out.push(line);
    markdownLine.push(true);
    // Indented code and blank lines cannot carry a setext heading; a thematic break ends one.
    paragraph = !isBlank(line) && !/^( {4}|\t)/.test(line) && !SETEXT.test(line);
  }
  if (fence) {
    out.push(fence.char.repeat(fence.length));
    markdownLine.push(false);
  }

  const escapeUnpaired = (delimiter: string, escaped: string) => {
    const count = out.reduce((sum, line, at) => sum + (markdownLine[at] ? line.split(delimiter).length - 1 : 0), 0);
    if (count % 2 === 0) return;
    for (let at = 0; at < out.length; at++) if (markdownLine[at]) out[at] = out[at].split(delimiter).join(escaped);
  };
  escapeUnpaired("%%", "\\%\\%");
  escapeUnpaired("$$", "\\$\\$");
  for (let at = 0; at < out.length; at++) {
    if (markdownLine[at]) out[at] = escapeHtml(out[at]).replace(/\[\^([^\]\s]+)\]/g, (_, label: string) => `[^${options.footnotePrefix}-${label}]`);
  }
  return out.join("\n").replace(/\s+$/, "");
}
