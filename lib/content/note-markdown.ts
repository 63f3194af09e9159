/**
 * Note bodies are Markdown written by users: parsed with remark, turned into hast without raw
 * HTML (remark-rehype drops it), then cleaned by rehype-sanitize (GitHub's schema: no scripts,
 * no event handlers, no `javascript:` URLs). The result is rendered as React elements, never as
 * an HTML string, so nothing a user typed reaches the page as markup.
 */
import type { Root } from "hast";
import rehypeSanitize from "rehype-sanitize";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize);

/** The sanitized hast tree of a note body. Pure. */
export function noteToHast(markdown: string): Root {
  return processor.runSync(processor.parse(markdown)) as Root;
}
