/** Converts a Markdown brief: headings → sections, paragraphs and first-level items → claims, deeper items → points. */
import type { List, ListItem, Root, RootContent } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parse as parseYaml } from "yaml";
import { dedupe } from "./brief-text";
import { type Outline, type OutlineItem, type OutlineProblem, serializeOutline } from "./outline";
import { cleanUnitText, decodeUtf8, guessLanguage, isoDate } from "./text";
import { type ConvertedBrief, IngestError, type IngestMetadata } from "./types";

/** Plain text of any mdast node: inline code and image alt text kept, hard breaks as spaces. */
function textOf(node: unknown): string {
  const value = node as { type: string; value?: string; alt?: string; children?: unknown[] };
  if (value.type === "break") return " ";
  if (value.type === "image") return value.alt ?? "";
  if (value.type === "html") return (value.value ?? "").replace(/<[^>]*>/gu, "");
  if (typeof value.value === "string") return value.value;
  return (value.children ?? []).map(textOf).join("");
}

/** YAML front matter (`---` … `---` at the very start) → metadata; the rest of the text. */
function frontMatter(text: string): { body: string; metadata: IngestMetadata; problem?: string } {
  const match = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/u.exec(text);
  if (!match) return { body: text, metadata: {} };
  const body = text.slice(match[0].length);
  let data: unknown;
  try {
    data = parseYaml(match[1], { maxAliasCount: 10 });
  } catch {
    return { body, metadata: {}, problem: "The YAML front matter does not parse; it was left out" };
  }
  if (!data || typeof data !== "object") return { body, metadata: {} };
  const fields = data as Record<string, unknown>;
  const string = (...keys: string[]) => {
    for (const key of keys) {
      const value = fields[key];
      if (typeof value === "string" && value.trim()) return value.trim();
      if (Array.isArray(value) && value.every((entry) => typeof entry === "string")) return value.join(", ");
    }
    return undefined;
  };
  const metadata: IngestMetadata = {
    title: string("title"),
    author: string("author", "authors"),
    affiliation: string("affiliation", "organization", "publisher"),
    published: isoDate(fields.published ?? fields.date),
    language: string("language", "lang"),
    sourceUrl: string("sourceUrl", "source_url", "url"),
  };
  return { body, metadata: Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined)) };
}

/** Markdown (UTF-8) → a converted brief. */
export function convertMarkdown(bytes: Uint8Array): ConvertedBrief {
  const decoded = decodeUtf8(bytes);
  if (decoded === null) throw new IngestError("corrupt", "The text is not valid UTF-8");
  const { body, metadata, problem } = frontMatter(decoded.normalize("NFC"));
  const tree = unified().use(remarkParse).use(remarkGfm).parse(body) as Root;
  const problems: OutlineProblem[] = problem ? [{ item: -1, message: problem, rule: "front-matter" }] : [];

  const nodes = tree.children.filter((node) => node.type !== "definition" && node.type !== "thematicBreak");
  const headings = nodes.filter((node) => node.type === "heading");
  // The title: a first heading that is the only one at the shallowest depth (`# Title` then `##`
  // sections); else the front matter's title, and every heading of that depth is a section.
  let title = metadata.title ?? "";
  let rest = nodes;
  const shallowest = Math.min(...headings.map((heading) => heading.depth));
  const first = nodes[0];
  if (first?.type === "heading" && headings.filter((heading) => heading.depth === shallowest).length === 1 && first.depth === shallowest) {
    title = textOf(first);
    rest = nodes.slice(1);
  } else if (!title && first?.type === "heading") {
    title = textOf(first);
    rest = nodes.slice(1);
  }
  // Sections are the shallowest remaining headings; deeper headings are claims (the brief format has one level).
  const sectionDepth = Math.min(...rest.filter((node) => node.type === "heading").map((node) => node.depth));

  const outline: Outline = { title, labels: [], items: [], problems };
  let seenSection = false;
  const add = (kind: OutlineItem["kind"], text: string) => {
    if (cleanUnitText(text) !== "") outline.items.push({ kind, text });
  };
  const addList = (list: List, level: number) => {
    for (const item of list.children as ListItem[]) {
      let first = true;
      for (const child of item.children) {
        if (child.type === "list") addList(child, level + 1);
        else {
          // The item's first paragraph is the item; any further paragraph reads as a point under it.
          const text = child.type === "table" ? tableText(child) : textOf(child);
          const checkbox = first && item.checked != null ? (item.checked ? "[x] " : "[ ] ") : "";
          add(first && level === 0 ? "claim" : "point", checkbox + text);
          first = false;
        }
      }
    }
  };
  const rowText = (row: { children: unknown[] }) => row.children.map((cell) => textOf(cell).trim()).join(" | ");
  // A table has no place in the brief format: each row becomes one line, cells joined by " | ".
  const tableText = (table: RootContent) => {
    problems.push({ item: outline.items.length, message: "A table was flattened to one line per row", rule: "table-flattened" });
    return table.type === "table" ? table.children.map(rowText).join(" / ") : "";
  };
  const visit = (node: RootContent) => {
    switch (node.type) {
      case "heading":
        if (node.depth === sectionDepth) {
          seenSection = true;
          add("section", textOf(node));
        } else add("claim", textOf(node));
        return;
      case "list":
        addList(node, 0);
        return;
      case "blockquote":
        for (const child of node.children) visit(child);
        return;
      case "table":
        problems.push({ item: outline.items.length, message: "A table was flattened to one line per row", rule: "table-flattened" });
        for (const row of node.children) add("claim", rowText(row));
        return;
      case "paragraph": {
        const text = textOf(node);
        // Before the first section: the first short line under the title is the byline (when the
        // front matter names nobody), later short lines are labels such as 핵심요약.
        if (!seenSection && isHeaderLine(text)) {
          if (outline.byline === undefined && !metadata.author && outline.labels.length === 0) outline.byline = text;
          else outline.labels.push(text);
          return;
        }
        add("claim", text);
        return;
      }
      case "footnoteDefinition":
        for (const child of node.children) if (child.type !== "list") add("point", `[^${node.identifier}] ${textOf(child)}`);
        return;
      default:
        add("claim", textOf(node));
    }
  };
  for (const node of rest) visit(node);
  if (outline.items.length === 0 && !title) throw new IngestError("no-content", "The file has no text");
  if (outline.byline === undefined && (metadata.author || metadata.affiliation)) {
    outline.byline = [metadata.author, metadata.affiliation].filter(Boolean).join(" ");
  }
  const serialized = serializeOutline(outline, metadata);
  const language = metadata.language ?? guessLanguage(serialized.source);
  return {
    format: "markdown",
    source: serialized.source,
    metadata: { ...metadata, ...(title && !metadata.title ? { title: cleanUnitText(title) } : {}), ...(language ? { language } : {}) },
    pages: null,
    furniture: [],
    problems: dedupe(serialized.problems),
  };
}

/** A line that reads as a byline or label: short, one sentence at most, no sentence end. */
function isHeaderLine(text: string): boolean {
  const clean = cleanUnitText(text);
  return clean.length > 0 && clean.length <= 40 && !/[.!?。다]$/u.test(clean);
}
