/** Converts a Markdown brief (remark-parse + GFM; YAML front matter for metadata) through the shared structure. */
import type { List, Root, RootContent } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parse as parseYaml } from "yaml";
import { dedupe } from "./brief-text";
import { serializeOutline } from "./outline";
import { type StructureListItem, type StructureNode, structureToOutline } from "./structure";
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

/** YAML front matter (`---` … `---` at the very start) → metadata, and the rest of the text. */
function frontMatter(text: string): { body: string; metadata: IngestMetadata; problem?: string } {
  const match = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/u.exec(text);
  if (!match) return { body: text, metadata: {} };
  const body = text.slice(match[0].length);
  let data: unknown;
  try {
    // A few aliases at most: YAML alias expansion is the text format's own "zip bomb".
    data = parseYaml(match[1], { maxAliasCount: 10 });
  } catch {
    return { body, metadata: {}, problem: "The YAML front matter does not parse; it was left out" };
  }
  if (!data || typeof data !== "object") return { body, metadata: {} };
  const fields = data as Record<string, unknown>;
  const string = (...keys: string[]) => {
    for (const key of keys) {
      const value = fields[key];
      if (typeof value === "string" && value.trim()) return cleanUnitText(value);
      if (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === "string")) return cleanUnitText(value.join(", "));
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

function listItems(list: List): StructureListItem[] {
  return list.children.map((item) => {
    const paragraphs: string[] = [];
    const lists: StructureNode[] = [];
    item.children.forEach((child, index) => {
      if (child.type === "list") lists.push({ type: "list", items: listItems(child) });
      else {
        const checkbox = index === 0 && item.checked != null ? (item.checked ? "[x] " : "[ ] ") : "";
        paragraphs.push(checkbox + textOf(child));
      }
    });
    return { paragraphs, lists };
  });
}

/** mdast → the shared structure; blockquotes are read through, footnote definitions become paragraphs. */
function structureOf(nodes: RootContent[]): StructureNode[] {
  const out: StructureNode[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "heading":
        out.push({ type: "heading", depth: node.depth, text: textOf(node) });
        break;
      case "list":
        out.push({ type: "list", items: listItems(node) });
        break;
      case "blockquote":
        out.push(...structureOf(node.children));
        break;
      case "table":
        out.push({ type: "table", rows: node.children.map((row) => row.children.map(textOf)) });
        break;
      case "footnoteDefinition":
        out.push(...structureOf(node.children).map((child) => (child.type === "paragraph" ? { ...child, text: `[^${node.label ?? node.identifier}] ${child.text}` } : child)));
        break;
      case "definition":
      case "thematicBreak":
      case "yaml":
        break;
      default:
        out.push({ type: "paragraph", text: textOf(node) });
    }
  }
  return out;
}

/** Markdown (UTF-8) → a converted brief. */
export function convertMarkdown(bytes: Uint8Array): ConvertedBrief {
  const decoded = decodeUtf8(bytes);
  if (decoded === null) throw new IngestError("corrupt", "The text is not valid UTF-8");
  const { body, metadata, problem } = frontMatter(decoded.normalize("NFC"));
  const tree = unified().use(remarkParse).use(remarkGfm).parse(body) as Root;
  const outline = structureToOutline(structureOf(tree.children), metadata);
  if (problem) outline.problems!.push({ item: -1, message: problem, rule: "front-matter" });
  if (outline.items.length === 0 && cleanUnitText(outline.title) === "") throw new IngestError("no-content", "The file has no text");
  const serialized = serializeOutline(outline, metadata);
  const language = metadata.language ?? guessLanguage(serialized.source);
  const title = metadata.title ?? (cleanUnitText(outline.title) || undefined);
  return {
    format: "markdown",
    source: serialized.source,
    metadata: { ...metadata, ...(title ? { title } : {}), ...(language ? { language } : {}) },
    pages: null,
    furniture: [],
    problems: dedupe(serialized.problems),
  };
}
