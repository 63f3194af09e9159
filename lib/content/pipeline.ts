/**
 * The unified pipeline for a brief: source text → mdast (brief parser) → ids → document model
 * → hast with sections. One processor, one pass; the model lands on `file.data.brief`.
 */
import type { Root as HastRoot } from "hast";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { VFile } from "vfile";
import type { BriefDocument } from "@/lib/domain/brief";
import type { MentionIndex } from "@/lib/domain/mention-place";
import { type BriefParseOptions, briefParse } from "./parse-brief";
import { remarkBlockIds } from "./plugins/remark-block-ids";
import { remarkBlockPages } from "./plugins/remark-block-pages";
import type { EntityIndex } from "./linking/entity-index";
import type { CuratedSpan } from "./linking/curated-mentions";
import { remarkBriefModel } from "./plugins/remark-brief-model";
import { remarkLinkMentions } from "./plugins/remark-link-mentions";
import { rehypeBlockAnchors } from "./plugins/rehype-block-anchors";
import { rehypeBriefSections } from "./plugins/rehype-brief-sections";
import { remarkMentionIndex } from "./plugins/remark-mention-index";

/** A problem the parser found, with where it is. */
export interface ParseProblem {
  ruleId: string;
  reason: string;
  line: number;
  column: number;
}

export interface ParsedBrief {
  document: BriefDocument;
  /** Where each entity is mentioned (empty without `entities`). */
  mentions: MentionIndex;
  /** The hast tree the reader renders. */
  hast: HastRoot;
  problems: ParseProblem[];
}

export interface ParseOptions extends BriefParseOptions {
  /** The file's path, for messages. */
  path?: string;
  /** Entities to link mentions to; without it, blocks have no mentions. */
  entities?: EntityIndex;
  /** Editors' decisions on this text (linking/curated-mentions.ts), in the order they were made. */
  curated?: readonly CuratedSpan[];
  /** Whether an entity id exists, for curated links (default: every id does). */
  knownEntity?: (entityId: string) => boolean;
  /** For a converted PDF: the page each line of the source starts on (lib/ingest). */
  pages?: readonly (number | null)[] | null;
}

function createProcessor(options: ParseOptions) {
  const processor = unified().use(briefParse, options).use(remarkBlockIds);
  if (options.entities) processor.use(remarkLinkMentions, { index: options.entities, curated: options.curated, known: options.knownEntity });
  if (options.pages) processor.use(remarkBlockPages, { pages: options.pages });
  return processor.use(remarkBriefModel).use(remarkMentionIndex).use(remarkRehype).use(rehypeBriefSections).use(rehypeBlockAnchors);
}

/** Parses brief source text into its document model and renderable tree. */
export function parseBrief(source: string, options: ParseOptions = {}): ParsedBrief {
  // NFC before anything else, so every offset below counts composed Hangul syllables.
  const file = new VFile({ value: source.normalize("NFC"), path: options.path });
  const processor = createProcessor(options);
  const hast = processor.runSync(processor.parse(file), file) as HastRoot;
  const document = file.data.brief;
  const mentions = file.data.mentionIndex;
  if (!document || !mentions) throw new Error("brief-model plugin did not run");
  const problems = file.messages.map((message) => ({
    ruleId: message.ruleId ?? "brief",
    reason: message.reason,
    line: message.line ?? 0,
    column: message.column ?? 0,
  }));
  return { document, mentions, hast, problems };
}

/** The same problems as one log line each, in the form compilers use (`path:line:column`). */
export function formatProblems(path: string, problems: ParseProblem[]): string[] {
  return problems.map((problem) => `${path}:${problem.line}:${problem.column}: warning: ${problem.reason} [${problem.ruleId}]`);
}
