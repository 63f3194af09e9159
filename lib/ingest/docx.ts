/**
 * Converts a DOCX: the ZIP is checked and inflated within bounds (`zip.ts`), mammoth maps Word's
 * styles to HTML headings and nested lists, rehype-parse reads that HTML, and the shared structure
 * rules make the outline. Core properties (docProps/core.xml) give title, author, date, language.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent } from "hast";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { dedupe } from "./brief-text";
import { serializeOutline } from "./outline";
import { type StructureListItem, type StructureNode, structureToOutline } from "./structure";
import { cleanUnitText, guessLanguage, isoDate } from "./text";
import { type ConvertedBrief, IngestError, type IngestMetadata } from "./types";
import { defaultZipLimits, inflateEntry, readCentralDirectory, repack, type ZipLimits } from "./zip";

// Word's Title and Subtitle styles are not in mammoth's default map.
const STYLE_MAP = ["p[style-name='Title'] => h1.docx-title:fresh", "p[style-name='Subtitle'] => p:fresh"];

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/giu, (whole, name: string) => {
    if (name[0] === "#") return String.fromCodePoint(name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });

/** Title, creator, created date and language from docProps/core.xml (a flat XML file: a regex is enough). */
function coreProperties(xml: string | undefined): IngestMetadata {
  if (!xml) return {};
  const field = (tag: string) => {
    const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "u").exec(xml);
    const value = match ? cleanUnitText(decodeXml(match[1])) : "";
    return value || undefined;
  };
  const metadata: IngestMetadata = {
    title: field("dc:title"),
    author: field("dc:creator"),
    published: isoDate(field("dcterms:created")),
    language: field("dc:language")?.toLowerCase(),
  };
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined));
}

const textOf = (node: ElementContent | RootContent): string => {
  if (node.type === "text") return node.value;
  if (node.type === "element") {
    if (node.tagName === "br") return " ";
    if (node.tagName === "img") return String(node.properties.alt ?? "");
    return node.children.map(textOf).join("");
  }
  return "";
};

const isElement = (node: ElementContent | RootContent): node is Element => node.type === "element";

function listItems(list: Element): StructureListItem[] {
  return list.children.filter(isElement).map((li) => {
    const lists: StructureNode[] = [];
    let own = "";
    for (const child of li.children) {
      if (isElement(child) && (child.tagName === "ul" || child.tagName === "ol")) lists.push({ type: "list", items: listItems(child) });
      else own += textOf(child);
    }
    return { paragraphs: own.trim() ? [own] : [], lists };
  });
}

/** mammoth's HTML → the shared structure. */
function structureOf(nodes: (ElementContent | RootContent)[]): StructureNode[] {
  const out: StructureNode[] = [];
  for (const node of nodes) {
    if (!isElement(node)) {
      if (node.type === "text" && node.value.trim()) out.push({ type: "paragraph", text: node.value });
      continue;
    }
    const heading = /^h([1-6])$/u.exec(node.tagName);
    if (heading) out.push({ type: "heading", depth: Number(heading[1]), text: textOf(node) });
    else if (node.tagName === "ul" || node.tagName === "ol") out.push({ type: "list", items: listItems(node) });
    else if (node.tagName === "table") {
      const rows: string[][] = [];
      const visit = (element: Element) => {
        for (const child of element.children) {
          if (!isElement(child)) continue;
          if (child.tagName === "tr") rows.push(child.children.filter(isElement).map(textOf));
          else visit(child);
        }
      };
      visit(node);
      out.push({ type: "table", rows });
    } else if (node.tagName === "p") out.push({ type: "paragraph", text: textOf(node) });
    else out.push(...structureOf(node.children));
  }
  return out;
}

/** DOCX bytes → a converted brief. Throws IngestError: zip-bomb, corrupt, encrypted, no-content. */
export async function convertDocx(bytes: Uint8Array, limits: ZipLimits = defaultZipLimits): Promise<ConvertedBrief> {
  const entries = readCentralDirectory(bytes, limits);
  if (!entries.some((entry) => entry.name === "word/document.xml")) throw new IngestError("unsupported-type", "The ZIP archive is not a Word document");
  // Everything but the pictures: mammoth would inline them as data URIs, and the brief keeps only their alt text.
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (entry.name.endsWith("/") || entry.name.startsWith("word/media/")) continue;
    files.set(entry.name, inflateEntry(bytes, entry));
  }
  const core = files.get("docProps/core.xml");
  const metadata = coreProperties(core ? new TextDecoder().decode(core) : undefined);

  let html: string;
  try {
    const { default: mammoth } = await import("mammoth");
    const result = await mammoth.convertToHtml(
      { buffer: repack(files) },
      {
        styleMap: STYLE_MAP,
        ignoreEmptyParagraphs: true,
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
      },
    );
    html = result.value;
  } catch {
    throw new IngestError("corrupt", "The Word document cannot be read");
  }
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as HastRoot;
  const nodes = structureOf(tree.children);
  // Word's Title style is the title, wherever it stands; else the structure rules decide.
  const titleAt = tree.children.findIndex((node) => isElement(node) && node.tagName === "h1" && String(node.properties.className ?? "").includes("docx-title"));
  let titleHint: string | undefined;
  if (titleAt >= 0) {
    const titleNode = tree.children[titleAt];
    titleHint = textOf(titleNode);
    const index = nodes.findIndex((node) => node.type === "heading" && node.text === titleHint);
    if (index >= 0) nodes.splice(index, 1);
  }
  const outline = structureToOutline(nodes, metadata, titleHint);
  if (outline.items.length === 0 && cleanUnitText(outline.title) === "") throw new IngestError("no-content", "The document has no text");
  const serialized = serializeOutline(outline, metadata);
  const language = metadata.language ?? guessLanguage(serialized.source);
  const title = metadata.title ?? (cleanUnitText(outline.title) || undefined);
  return {
    format: "docx",
    source: serialized.source,
    metadata: { ...metadata, ...(title ? { title } : {}), ...(language ? { language } : {}) },
    pages: null,
    furniture: [],
    problems: dedupe(serialized.problems),
  };
}
