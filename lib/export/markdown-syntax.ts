/**
 * Small pieces of Markdown and YAML syntax for text the file quotes (the brief's sentences,
 * names, tags): written so they read as the same text, never as markup. Pure.
 */

// ASCII punctuation that starts or ends inline markup in CommonMark or in Obsidian
// (`==highlight==`, `$math$`, `#tag`, `[[link]]`, `~~strike~~`, `|` tables). `!` needs no
// escape once `[` has one; `%` matters only doubled (`%%comment%%`).
const INLINE_MARKUP = /[\\`*_[\]<>#~=$|]/g;

/** Text as literal inline Markdown: markup characters escaped, line breaks as spaces. */
export function escapeInline(text: string): string {
  return text
    .replace(/\s*\n\s*/g, " ")
    .replace(INLINE_MARKUP, "\\$&")
    .replace(/%%/g, "%\\%")
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, "\\&");
}

/**
 * Text as the content of a blockquote: each line (a block of the brief) as its own paragraph,
 * escaped, with line-start markers (`- `, `1. `, `+ `) that would make a list escaped too.
 */
export function blockquote(text: string): string {
  return text
    .split("\n")
    .map((line) => escapeInline(line).replace(/^([-+])(?=\s)/, "\\$1").replace(/^(\d{1,9})([.)])(?=\s)/, "$1\\$2"))
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n>\n");
}

/**
 * A tag as Obsidian reads one: letters, digits, `_`, `-` and `/` only (Korean letters are
 * letters); spaces and other characters become `_`. A tag of digits alone is no tag there, so
 * it gets a leading `_`.
 */
export function obsidianTag(tag: string): string {
  const name = tag
    .normalize("NFC")
    .trim()
    .replace(/[^\p{L}\p{M}\p{N}_\-/]/gu, "_");
  if (name === "") return "_";
  return /^[\p{N}_\-/]+$/u.test(name) && !/\p{L}/u.test(name) ? `_${name}` : name;
}

/**
 * A YAML scalar for any string: JSON's double-quoted form, which YAML 1.2 reads the same way
 * (every escape JSON writes is a YAML escape too).
 */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** A link's text and destination; the destination is an absolute http(s) URL we built. */
export function link(text: string, url: string): string {
  return `[${escapeInline(text)}](${url.replace(/[()\s<>]/g, (char) => encodeURIComponent(char))})`;
}
