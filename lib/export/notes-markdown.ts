/**
 * One brief's notes as a Markdown file, for Obsidian, Zotero or any Markdown editor. Pure.
 *
 *   ---                      YAML front matter: title, byline, citekey, source URLs, exported, counts, tags
 *   # Title                  the brief's title, then its byline and a link to it
 *   ## Section               each section of the brief that has notes, in document order
 *   ### Kind · “quote…”      each note in document order: the passage as a blockquote, a line
 *   > the passage            with kind, visibility, author, date and a link back to its sentence
 *   *kind · who · when* · [→](<origin>/briefs/<slug>?note=<id>#<blockId>)
 *   the note, as written     (contained: see contain-body.ts), then its tags as #tags
 *   #### ↳ Reply · who       replies nested under their note, one heading level deeper
 *   ## Notes on entities and records    with links to /entities/<id> or /agreements/<id>
 *   ## Replies to notes not in this file
 *   ## Notes whose text was not found   orphans last, with the passage they were made on
 */
import type { Annotation, Motivation } from "@/lib/domain/annotation";
import { citationKey } from "./citation";
import { containNoteBody } from "./contain-body";
import { blockquote, escapeInline, link, obsidianTag, yamlString } from "./markdown-syntax";

export interface NotesFileBrief {
  slug: string;
  title: string;
  byline: string;
  language: string;
  author?: string;
  publisher?: string;
  published?: string;
  /** Where the brief was published, if known. */
  originalUrl?: string;
  revision: string;
  sections: { id: string; title: string; blocks: { id: string; page?: number }[] }[];
}

/** The words of the file, in the reader's language (lib/i18n/messages.ts). */
export interface NotesFileLabels {
  motivations: Record<Motivation, string>;
  reply: string;
  private: string;
  shared: string;
  /** Before a group's name: a group note's audience. */
  group: string;
  edited: string;
  toSentence: string;
  openBrief: string;
  preface: string;
  onEntities: string;
  repliesElsewhere: string;
  toParent: string;
  orphans: string;
  orphansHint: string;
  anchorMoved: string;
  anchorFuzzy: string;
}

export interface NotesFileInput {
  /** Absolute origin for links, e.g. https://reader.example. */
  origin: string;
  brief: NotesFileBrief;
  /** The notes to write, replies included; deleted ones are the caller's to leave out. */
  annotations: Annotation[];
  /** Names of the entities and records notes are on; `record` ones live under /agreements/. */
  entities: Record<string, { name: string; record: boolean }>;
  exportedAt: Date;
  labels: NotesFileLabels;
}

const NOTE_LEVEL = 3;
const SHORT_QUOTE = 40;

function shorten(text: string, max: number): string {
  const points = Array.from(text.replace(/\s+/g, " ").trim());
  return points.length > max ? `${points.slice(0, max).join("")}…` : points.join("");
}

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function isOrphan(annotation: Annotation): boolean {
  return annotation.anchor?.status === "orphaned";
}

/**
 * The exporter's own notes with every reply they may see on them (a colleague's shared answer to
 * one's question belongs in the file), replies to replies included. Order is kept: own, then replies.
 */
export function withVisibleReplies(own: Annotation[], visible: Annotation[]): Annotation[] {
  const ids = new Set(own.map((annotation) => annotation.id));
  const added: Annotation[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const annotation of visible) {
      if (annotation.deleted || !annotation.parentId || ids.has(annotation.id) || !ids.has(annotation.parentId)) continue;
      ids.add(annotation.id);
      added.push(annotation);
      grew = true;
    }
  }
  return [...own, ...added];
}

/** The Markdown file of a brief's notes (see the module comment for its shape). */
export function notesMarkdown(input: NotesFileInput): string {
  const { brief, labels } = input;
  const origin = input.origin.replace(/\/+$/, "");
  const briefUrl = `${origin}/briefs/${encodeURIComponent(brief.slug)}`;
  const ids = new Set(input.annotations.map((annotation) => annotation.id));
  const repliesOf = new Map<string, Annotation[]>();
  for (const annotation of input.annotations) {
    if (annotation.parentId && ids.has(annotation.parentId)) repliesOf.set(annotation.parentId, [...(repliesOf.get(annotation.parentId) ?? []), annotation]);
  }
  const sectionOfBlock = new Map<string, number>();
  // The page of the original PDF each block starts on, cited beside the passage.
  const pageOfBlock = new Map(brief.sections.flatMap((section) => section.blocks.flatMap((block) => (block.page ? [[block.id, block.page] as const] : []))));
  brief.sections.forEach((section, index) => {
    for (const block of section.blocks) sectionOfBlock.set(block.id, index);
  });

  const bySection: Annotation[][] = brief.sections.map(() => []);
  const onEntities: Annotation[] = [];
  const repliesElsewhere: Annotation[] = [];
  const orphans: Annotation[] = [];
  for (const annotation of input.annotations) {
    const target = annotation.target;
    if (annotation.parentId) {
      if (!ids.has(annotation.parentId)) repliesElsewhere.push(annotation);
    } else if (target && "entityId" in target) {
      onEntities.push(annotation);
    } else if (target && !isOrphan(annotation) && sectionOfBlock.has(target.blockId)) {
      bySection[sectionOfBlock.get(target.blockId) as number].push(annotation);
    } else {
      orphans.push(annotation);
    }
  }
  const byCreated = (a: Annotation, b: Annotation) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id);
  const byPlace = (a: Annotation, b: Annotation) => {
    const start = (annotation: Annotation) => (annotation.target && "position" in annotation.target ? annotation.target.position.start : 0);
    return start(a) - start(b) || byCreated(a, b);
  };
  const entityName = (annotation: Annotation) => {
    const id = annotation.target && "entityId" in annotation.target ? annotation.target.entityId : "";
    return input.entities[id]?.name ?? id;
  };

  let footnotes = 0;
  const write = (annotation: Annotation, level: number): string[] => {
    const lines: string[] = [];
    const target = annotation.target;
    const kind = labels.motivations[annotation.motivation] ?? annotation.motivation;
    let heading: string;
    let back: string | null = null;
    if (annotation.parentId) {
      heading = `↳ ${escapeInline(labels.reply)} · ${escapeInline(annotation.author.name)}`;
    } else if (target && "entityId" in target) {
      const record = input.entities[target.entityId]?.record ?? false;
      const url = `${origin}/${record ? "agreements" : "entities"}/${encodeURIComponent(target.entityId)}`;
      heading = `${escapeInline(kind)} · ${link(entityName(annotation), url)}`;
    } else if (target) {
      heading = `${escapeInline(kind)} · “${escapeInline(shorten(target.quote.exact, SHORT_QUOTE))}”`;
      const note = `${briefUrl}?note=${encodeURIComponent(annotation.id)}`;
      back = isOrphan(annotation) || !sectionOfBlock.has(target.blockId) ? note : `${note}#${target.blockId}`;
    } else {
      heading = escapeInline(kind);
    }
    lines.push(`${"#".repeat(level)} ${heading}`, "");
    if (!annotation.parentId && target && "quote" in target) lines.push(blockquote(target.quote.exact), "");

    const page = !annotation.parentId && target && "quote" in target ? pageOfBlock.get(target.blockId) : undefined;
    const facts = [kind, ...(page ? [`p. ${page}`] : []), audienceOf(annotation, labels), annotation.author.name, when(annotation.created)];
    if (annotation.edited) facts.push(labels.edited);
    if (annotation.anchor?.status === "moved") facts.push(labels.anchorMoved);
    if (annotation.anchor?.status === "fuzzy") facts.push(`${labels.anchorFuzzy} ${Math.round(annotation.anchor.score * 100)}%`);
    const parentLink = annotation.parentId && !ids.has(annotation.parentId) ? ` · ${link(labels.toParent, `${briefUrl}?note=${encodeURIComponent(annotation.parentId)}`)}` : "";
    lines.push(`*${facts.map(escapeInline).join(" · ")}*${back ? ` · ${link(labels.toSentence, back)}` : ""}${parentLink}`, "");

    if (annotation.body.trim() !== "") {
      footnotes += 1;
      lines.push(containNoteBody(annotation.body, { headingLevel: level, footnotePrefix: `n${footnotes}` }), "");
    }
    if (annotation.tags.length > 0) lines.push(annotation.tags.map((tag) => `#${obsidianTag(tag)}`).join(" "), "");
    for (const reply of (repliesOf.get(annotation.id) ?? []).sort(byCreated)) lines.push(...write(reply, Math.min(6, level + 1)));
    return lines;
  };

  const lines: string[] = [...frontMatter(input, briefUrl), "", `# ${escapeInline(brief.title)}`, ""];
  lines.push(`${brief.byline ? `${escapeInline(brief.byline)} · ` : ""}${link(labels.openBrief, briefUrl)}`, "");
  brief.sections.forEach((section, index) => {
    const notes = bySection[index];
    if (notes.length === 0) return;
    lines.push(`## ${escapeInline(section.title || labels.preface)}`, "");
    for (const note of notes.sort(byPlace)) lines.push(...write(note, NOTE_LEVEL));
  });
  if (onEntities.length > 0) {
    lines.push(`## ${escapeInline(labels.onEntities)}`, "");
    const sorted = onEntities.sort((a, b) => entityName(a).localeCompare(entityName(b)) || byCreated(a, b));
    for (const note of sorted) lines.push(...write(note, NOTE_LEVEL));
  }
  if (repliesElsewhere.length > 0) {
    lines.push(`## ${escapeInline(labels.repliesElsewhere)}`, "");
    for (const note of repliesElsewhere.sort(byCreated)) lines.push(...write(note, NOTE_LEVEL));
  }
  if (orphans.length > 0) {
    lines.push(`## ${escapeInline(labels.orphans)}`, "", escapeInline(labels.orphansHint), "");
    for (const note of orphans.sort(byCreated)) lines.push(...write(note, NOTE_LEVEL));
  }
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}

/** YAML front matter: strings JSON-quoted, numbers bare, `tags` as Obsidian reads them. */
function frontMatter(input: NotesFileInput, briefUrl: string): string[] {
  const { brief } = input;
  const roots = input.annotations.filter((annotation) => !annotation.parentId);
  const count = (motivation: Motivation) => roots.filter((annotation) => annotation.motivation === motivation).length;
  const tags = [...new Set(input.annotations.flatMap((annotation) => annotation.tags.map(obsidianTag)))].sort();
  const optional = (key: string, value: string | undefined) => (value ? [`${key}: ${yamlString(value)}`] : []);
  return [
    "---",
    `title: ${yamlString(brief.title)}`,
    `byline: ${yamlString(brief.byline)}`,
    // The key Zotero and pandoc know the brief by (GET /api/briefs/<slug>?format=csl-json): links a note file to its reference.
    `citekey: ${yamlString(citationKey(brief))}`,
    ...optional("author", brief.author),
    ...optional("publisher", brief.publisher),
    ...optional("published", brief.published),
    `brief: ${yamlString(brief.slug)}`,
    `source: ${yamlString(briefUrl)}`,
    ...optional("original", brief.originalUrl),
    `language: ${yamlString(brief.language)}`,
    `revision: ${yamlString(brief.revision)}`,
    `exported: ${input.exportedAt.toISOString()}`,
    `notes: ${roots.length}`,
    `replies: ${input.annotations.length - roots.length}`,
    `highlights: ${count("highlighting")}`,
    `comments: ${count("commenting")}`,
    `questions: ${count("questioning")}`,
    `tagged: ${count("tagging")}`,
    `claims: ${count("classifying")}`,
    `orphaned: ${roots.filter(isOrphan).length}`,
    ...(tags.length > 0 ? ["tags:", ...tags.map((tag) => `  - ${yamlString(tag)}`)] : ["tags: []"]),
    "---",
  ];
}

/** Who may see a note, in the file's words: a group note names its group. */
function audienceOf(annotation: Annotation, labels: NotesFileLabels): string {
  if (annotation.visibility === "group") return `${labels.group} “${escapeInline(annotation.group?.name ?? "")}”`;
  return annotation.visibility === "private" ? labels.private : labels.shared;
}
