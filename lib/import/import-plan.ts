/**
 * Plans an import of W3C annotations for one user, without touching the database: reads each
 * item, recognises what the user already has, places text targets on the brief's current text,
 * orders parents before their replies and links replies to their parents' new ids. The service
 * loads what the plan needs (texts, registry, existing keys) and stores the rows it returns.
 *
 * Decisions, each reported per item (by its index in the document):
 * - One bad item does not sink the others: it is an `error` naming its field.
 * - Identity: an item's key is its `canonical`, else its `id`. A key the user already has (an
 *   earlier import's `canonical`, or the IRI of their own annotation) is `skipped`, as is a
 *   second item with the same key in one document, so importing twice changes nothing.
 *   An item with neither (many tools send none) is known by its content: the same kind, body
 *   and target (brief and quote, or entity) as one of the importer's own annotations, or as an
 *   earlier item of the document, is skipped the same way (`contentKey`).
 * - Text targets are re-anchored on the current text (quote, with the position as a hint):
 *   exact, moved or fuzzy are stored so; a quote not found is still stored, as an orphan with
 *   its quote (as the reader keeps orphans of revised briefs: the note is not lost, and the
 *   reader offers to re-attach it), and listed in `notAnchored`.
 * - Replies follow their parent: a parent in the document (in any order), one skipped as already
 *   imported, or an annotation outside the document the user may see. A reply whose parent
 *   cannot be found, or failed, is an error: a reply without its note has no place.
 * - Everything is private unless the import asks to keep visibility; a reply to a private note
 *   is private whatever it says.
 * - `created`/`modified` are kept when they are ISO dates not in the future; else now.
 */
import { type BriefText, blockAt } from "@/lib/anchoring/brief-text";
import { describeSpan } from "@/lib/anchoring/describe";
import { reanchor } from "@/lib/anchoring/reanchor";
import { firstProblem } from "@/lib/domain/errors";
import { codePointLength } from "@/lib/text/code-points";
import { type AnchorStatus, type AnnotationTarget, contentProblem, type Motivation, tagsSchema, type Visibility } from "@/lib/domain/annotation";
import {
  documentPosition,
  fromWebAnnotation,
  type IncomingAnnotation,
  type IriResolver,
  WebAnnotationError,
  webAnnotationInputSchema,
} from "@/lib/w3c/web-annotation";

/** One item of the document, read into the reader's terms, or the reason it could not be. */
export interface ReadItem {
  index: number;
  /** The item's own `id`, as given (null without one). */
  id: string | null;
  incoming?: IncomingAnnotation;
  error?: { field: string; message: string };
}

/** Reads every item on its own: a bad one becomes an error entry, never an exception. */
export function readImportItems(items: unknown[], resolve: IriResolver): ReadItem[] {
  return items.map((item, index) => {
    const id = typeof item === "object" && item !== null && typeof (item as { id?: unknown }).id === "string" ? (item as { id: string }).id : null;
    const parsed = webAnnotationInputSchema.safeParse(item);
    if (!parsed.success) {
      const { field, message } = firstProblem(parsed.error, "(item)");
      return { index, id, error: { field, message } };
    }
    try {
      return { index, id, incoming: fromWebAnnotation(parsed.data, resolve) };
    } catch (error) {
      if (error instanceof WebAnnotationError) return { index, id, error: { field: error.field, message: error.message } };
      throw error;
    }
  });
}

/** Parent IRIs that no item of the document answers to: the service looks them up. */
export function parentsOutside(read: ReadItem[]): string[] {
  const inside = new Set<string>();
  for (const item of read) {
    if (item.id) inside.add(item.id);
    if (item.incoming?.canonical) inside.add(item.incoming.canonical);
  }
  const outside = new Set<string>();
  for (const item of read) {
    const target = item.incoming?.target;
    if (target?.kind === "reply" && !inside.has(target.parentIri)) outside.add(target.parentIri);
  }
  return [...outside];
}

/** What an annotation says about where: enough to tell two notes without ids apart. */
export type ContentTarget = { kind: "text"; brief: string; exact: string } | { kind: "entity"; entityId: string };

/**
 * An annotation's identity when it has no id: kind, body and target, with whitespace folded and
 * NFC applied (a round trip through another tool may re-wrap or decompose the text). The creator
 * is the importer, whose own annotations are the only ones compared.
 */
export function contentKey(content: { motivation: Motivation; body: string; target: ContentTarget }): string {
  const fold = (text: string) => text.normalize("NFC").replace(/\s+/g, " ").trim();
  const where = content.target.kind === "text" ? `text\u0000${content.target.brief}\u0000${fold(content.target.exact)}` : `entity\u0000${content.target.entityId}`;
  return `${content.motivation}\u0000${fold(content.body)}\u0000${where}`;
}

/** The content key of an incoming item without an id or canonical; null for one that has either, or for a reply. */
function incomingContentKey(incoming: IncomingAnnotation): string | null {
  if (incoming.id || incoming.canonical) return null;
  const target = incoming.target;
  if (target.kind === "text" && target.quote) return contentKey({ motivation: incoming.motivation, body: incoming.body, target: { kind: "text", brief: target.brief, exact: target.quote.exact } });
  if (target.kind === "entity") return contentKey({ motivation: incoming.motivation, body: incoming.body, target: { kind: "entity", entityId: target.entityId } });
  return null;
}

/** An annotation already stored that an item may be, or may reply to. */
export interface KnownAnnotation {
  id: string;
  brief: string;
  visibility: Visibility;
  /** The group of a `group` annotation. */
  groupId?: string | null;
  deleted: boolean;
}

export interface ImportContext {
  authorId: string;
  /** The current text of each brief that exists here (those named, and those of parents outside). */
  briefs: Map<string, { sha256: string; text: BriefText }>;
  /**
   * The brief a note on this entity goes to when it does not say which (`reader:brief`): the
   * only brief, or the one that mentions the entity most; null when none does.
   */
  briefFor: (entityId: string) => string | null;
  /** Entity and record ids known here. */
  entities: Set<string>;
  /** The user's annotations by key: each one's `canonical`, and its own IRI. */
  existing: Map<string, KnownAnnotation>;
  /** The user's annotations by `contentKey`, for items that come without an id. */
  existingContent?: Map<string, KnownAnnotation>;
  /** Annotations outside the document, by IRI, that the user may reply to. */
  outside: Map<string, KnownAnnotation>;
  visibility: "private" | "keep";
  /** The groups the importer is a member of, by id (their names): a group note stays one only for these. */
  groups?: Map<string, string>;
  now: Date;
  newId: () => string;
}

/** A row to store, its id assigned, parents before their replies. */
export interface PlannedAnnotation {
  id: string;
  brief: string;
  authorId: string;
  parentId: string | null;
  motivation: Motivation;
  visibility: Visibility;
  /** The group of a `group` row (one the importer is a member of). */
  group: { id: string; name: string } | null;
  body: string;
  tags: string[];
  color: string | null;
  target: AnnotationTarget | null;
  revision: string;
  canonical: string | null;
  via: string | null;
  createdAt: Date;
  modifiedAt: Date;
  editedAt: Date | null;
  anchor?: { status: AnchorStatus; score: number };
}

export interface ImportReport {
  /** Rows stored (orphans included); set once they are written. */
  imported: number;
  /** How the stored text targets sit on the current text. */
  anchors: Record<AnchorStatus, number>;
  skipped: { index: number; id: string | null; reason: "already_imported" | "duplicate"; existingId?: string }[];
  /** Stored, but the quote was not found in the current text: kept as orphans with their quote. */
  notAnchored: { index: number; id: string | null; newId: string; quote: string; reason: "quote_not_found" }[];
  /** Stored at another place than their position said (moved) or on edited text (fuzzy). */
  reanchored: { index: number; id: string | null; newId: string; quote: string; status: "moved" | "fuzzy"; score: number }[];
  errors: { index: number; id: string | null; field: string; message: string }[];
}

export interface ImportPlan {
  rows: PlannedAnnotation[];
  report: ImportReport;
}

type Outcome =
  | { kind: "new"; id: string; brief: string; visibility: Visibility; groupId: string | null }
  | { kind: "existing"; known: KnownAnnotation }
  | { kind: "failed" };

const MAX_IRI_LENGTH = 2_000;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function keptTime(value: string | undefined, now: Date): Date | undefined {
  if (!value || !ISO_TIME.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) && time <= now.getTime() ? new Date(time) : undefined;
}

class ItemError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function planImport(read: ReadItem[], context: ImportContext): ImportPlan {
  const report: ImportReport = { imported: 0, anchors: { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 }, skipped: [], notAnchored: [], reanchored: [], errors: [] };
  const rows: PlannedAnnotation[] = [];
  const outcomes = new Map<number, Outcome>();

  // Which item answers to an IRI (its id or canonical); the first item wins.
  const byIri = new Map<string, number>();
  for (const item of read) {
    if (!item.incoming) continue;
    for (const iri of [item.id, item.incoming.canonical]) if (iri && !byIri.has(iri)) byIri.set(iri, item.index);
  }
  // The first item of each key; later ones are duplicates of it.
  const firstByKey = new Map<string, number>();
  for (const item of read) {
    const key = item.incoming ? (item.incoming.canonical ?? item.incoming.id) : undefined;
    if (key !== undefined && !firstByKey.has(key)) firstByKey.set(key, item.index);
  }
  const knownAs = (incoming: IncomingAnnotation) => {
    const byKey = [incoming.canonical, incoming.id].map((key) => (key ? context.existing.get(key) : undefined)).find(Boolean);
    if (byKey) return byKey;
    const content = incomingContentKey(incoming);
    return content ? context.existingContent?.get(content) : undefined;
  };
  // The first item of each content key (items without ids), filled as items are placed in order.
  const firstByContent = new Map<string, number>();
  const duplicateOf = (item: ReadItem): number | undefined => {
    const key = item.incoming ? (item.incoming.canonical ?? item.incoming.id) : undefined;
    const first = key === undefined ? undefined : firstByKey.get(key);
    return first !== undefined && first !== item.index ? first : undefined;
  };
  const parentInDocument = (item: ReadItem): number | undefined => {
    const target = item.incoming?.target;
    const index = target?.kind === "reply" ? byIri.get(target.parentIri) : undefined;
    return index !== item.index ? index : undefined;
  };
  /** The item whose outcome this one needs first: the first of its duplicates, or its parent. */
  const dependencyOf = (item: ReadItem): ReadItem | null => {
    if (!item.incoming || knownAs(item.incoming)) return null;
    const index = duplicateOf(item) ?? parentInDocument(item);
    return index === undefined ? null : read[index];
  };

  const fail = (item: ReadItem, field: string, message: string): Outcome => {
    report.errors.push({ index: item.index, id: item.id, field, message });
    return { kind: "failed" };
  };

  const settle = (item: ReadItem, compute: () => Outcome): void => {
    let outcome: Outcome;
    try {
      outcome = compute();
    } catch (error) {
      if (!(error instanceof ItemError)) throw error;
      outcome = fail(item, error.field, error.message);
    }
    outcomes.set(item.index, outcome);
  };

  /**
   * Settles an item after what it depends on: walks up to the first settled ancestor, then
   * places each on the way back down. A loop, not recursion, so no depth of replies can
   * overflow the stack.
   */
  const resolve = (item: ReadItem): void => {
    const chain: ReadItem[] = [];
    const position = new Map<number, number>();
    for (let current: ReadItem | null = item; current && !outcomes.has(current.index); current = dependencyOf(current)) {
      const seen = position.get(current.index);
      if (seen !== undefined) {
        // Everything from `seen` on waits, in the end, for itself.
        for (const member of chain.slice(seen)) {
          settle(member, () => {
            throw new ItemError("target", "replies form a cycle");
          });
        }
        chain.length = seen;
        break;
      }
      position.set(current.index, chain.length);
      chain.push(current);
    }
    for (let at = chain.length - 1; at >= 0; at--) settle(chain[at], () => place(chain[at]));
  };

  const place = (item: ReadItem): Outcome => {
    if (item.error || !item.incoming) return fail(item, item.error?.field ?? "(item)", item.error?.message ?? "(item): unreadable");
    const incoming = item.incoming;
    const known = knownAs(incoming);
    if (known) {
      report.skipped.push({ index: item.index, id: item.id, reason: "already_imported", existingId: known.id });
      return { kind: "existing", known };
    }
    const first = duplicateOf(item);
    if (first !== undefined) {
      report.skipped.push({ index: item.index, id: item.id, reason: "duplicate" });
      return outcomes.get(first) as Outcome;
    }
    const content = incomingContentKey(incoming);
    const sameContent = content === null ? undefined : firstByContent.get(content);
    if (sameContent !== undefined && outcomes.has(sameContent)) {
      report.skipped.push({ index: item.index, id: item.id, reason: "duplicate" });
      return outcomes.get(sameContent) as Outcome;
    }
    if (content !== null) firstByContent.set(content, item.index);

    // The id is kept (as `via`, and as `canonical` when there is none): an IRI, not a payload.
    if (incoming.id && incoming.id.length > MAX_IRI_LENGTH) throw new ItemError("id", `must be at most ${MAX_IRI_LENGTH} characters`);
    const tags = tagsSchema.safeParse(incoming.tags);
    if (!tags.success) throw new ItemError("body", `tags: ${firstProblem(tags.error).message}`);
    const problem = contentProblem({ motivation: incoming.motivation, body: incoming.body, tags: tags.data });
    if (problem) throw new ItemError("body", problem.message);

    const createdAt = keptTime(incoming.created, context.now) ?? keptTime(incoming.modified, context.now) ?? context.now;
    let modifiedAt = keptTime(incoming.modified, context.now) ?? createdAt;
    if (modifiedAt < createdAt) modifiedAt = createdAt;
    let asked: Visibility = context.visibility === "keep" ? (incoming.visibility ?? "private") : "private";
    // A group note stays one only in a group of the importer's; otherwise it is private.
    const groupName = asked === "group" && incoming.groupId ? context.groups?.get(incoming.groupId) : undefined;
    if (asked === "group" && groupName === undefined) asked = "private";
    const id = context.newId();
    const row: PlannedAnnotation = {
      id,
      brief: "",
      authorId: context.authorId,
      parentId: null,
      motivation: incoming.motivation,
      visibility: asked,
      group: asked === "group" && incoming.groupId && groupName !== undefined ? { id: incoming.groupId, name: groupName } : null,
      body: incoming.body,
      tags: tags.data,
      color: incoming.color ?? null,
      target: null,
      revision: "",
      canonical: incoming.canonical ?? incoming.id ?? null,
      via: incoming.id ?? null,
      createdAt,
      modifiedAt,
      editedAt: modifiedAt > createdAt ? modifiedAt : null,
    };

    const target = incoming.target;
    if (target.kind === "reply") {
      const parent = parentOf(target.parentIri, item);
      if (parent.kind === "failed") throw new ItemError("target", `the annotation it replies to (${target.parentIri}) was not imported`);
      const parentBrief = parent.kind === "new" ? parent.brief : parent.known.brief;
      const parentVisibility = parent.kind === "new" ? parent.visibility : parent.known.visibility;
      const parentGroup = (parent.kind === "new" ? parent.groupId : parent.known.groupId) ?? null;
      if (parent.kind === "existing" && parent.known.deleted) throw new ItemError("target", `the annotation it replies to (${target.parentIri}) is deleted`);
      const brief = context.briefs.get(parentBrief);
      if (!brief) throw new ItemError("target", `the brief of the annotation it replies to (“${parentBrief}”) is not in this reader`);
      row.parentId = parent.kind === "new" ? parent.id : parent.known.id;
      row.brief = parentBrief;
      row.revision = brief.sha256;
      // A reply has its parent's audience, or is private.
      if (row.visibility !== parentVisibility || (row.group?.id ?? null) !== parentGroup) {
        row.visibility = "private";
        row.group = null;
      }
    } else if (target.kind === "entity") {
      if (!context.entities.has(target.entityId)) throw new ItemError("target", `no entity or agreement record “${target.entityId}” in this reader`);
      const slug = target.brief ?? context.briefFor(target.entityId);
      if (!slug) throw new ItemError("reader:brief", "name the brief this note on an entity belongs to (no brief here mentions it)");
      const brief = context.briefs.get(slug);
      if (!brief) throw new ItemError("reader:brief", `no brief “${slug}” in this reader`);
      row.brief = slug;
      row.revision = brief.sha256;
      row.target = { entityId: target.entityId };
    } else {
      const brief = context.briefs.get(target.brief);
      if (!brief) throw new ItemError("target.source", `no brief “${target.brief}” in this reader`);
      const quote = target.quote as { exact: string; prefix: string; suffix: string };
      const length = codePointLength(brief.text.text);
      const hint = documentPosition(target, brief.text);
      const usable = hint && hint.start < hint.end && hint.end <= length ? hint : undefined;
      const anchor = reanchor(
        brief.text.text,
        { type: "TextQuoteSelector", ...quote },
        usable ? { type: "TextPositionSelector", start: usable.start, end: usable.end } : undefined,
      );
      row.brief = target.brief;
      row.revision = brief.sha256;
      row.anchor = { status: anchor.status, score: anchor.score };
      report.anchors[anchor.status] += 1;
      if (anchor.start !== undefined && anchor.end !== undefined) {
        // A quote given without its context (some tools send none) gets it from the text, so it
        // can be re-anchored when the brief is revised.
        const described = describeSpan(brief.text.text, anchor.start, anchor.end).quote;
        const exactHere = anchor.status !== "fuzzy";
        row.target = {
          blockId: blockAt(brief.text, anchor.start) ?? "",
          quote: { exact: quote.exact, prefix: quote.prefix || (exactHere ? described.prefix : ""), suffix: quote.suffix || (exactHere ? described.suffix : "") },
          position: { start: anchor.start, end: anchor.end },
        };
        if (anchor.status === "moved" || anchor.status === "fuzzy") {
          report.reanchored.push({ index: item.index, id: item.id, newId: id, quote: quote.exact, status: anchor.status, score: anchor.score });
        }
      } else {
        row.target = { blockId: target.blockId ?? "", quote, position: usable ?? { start: 0, end: 0 } };
        report.notAnchored.push({ index: item.index, id: item.id, newId: id, quote: quote.exact, reason: "quote_not_found" });
      }
    }
    rows.push(row);
    return { kind: "new", id, brief: row.brief, visibility: row.visibility, groupId: row.group?.id ?? null };
  };

  const parentOf = (iri: string, child: ReadItem): Outcome => {
    const index = parentInDocument(child);
    if (index !== undefined) return outcomes.get(index) as Outcome;
    const known = context.existing.get(iri) ?? context.outside.get(iri);
    if (known) return { kind: "existing", known };
    throw new ItemError("target", `replies to ${iri}, which is neither in this document nor an annotation you can see here`);
  };

  for (const item of read) if (!outcomes.has(item.index)) resolve(item);
  report.errors.sort((a, b) => a.index - b.index);
  report.skipped.sort((a, b) => a.index - b.index);
  return { rows, report };
}
