/**
 * The searchable content: every brief's section titles and blocks, every entity and agreement
 * record by its names and aliases. Built whole (it is small: a brief is about 60 blocks and the
 * registry about 300 names) and replaced when a brief's text or the registry changes. Pure.
 */
import { blocksQuoting } from "@/lib/content/agreement-records";
import type { AgreementData } from "@/lib/domain/agreement-data";
import type { Block, BriefDocument } from "@/lib/domain/brief";
import type { Entity } from "@/lib/domain/entity";
import type { MentionIndex } from "@/lib/domain/mention-place";
import type { EntityHit, SearchGroup, TextHit } from "@/lib/domain/search";
import { distinctWords, MatchClass, type MatchClassValue } from "./korean";
import { type AliasTable, buildAliasTable, entityKey, needlesOf, type ParsedQuery } from "./query";
import { matchName, matchSpans, snippetOf } from "./snippet";
import { topSlots, WordIndex } from "./word-index";

interface TextDoc {
  type: "section" | "block";
  brief: string;
  id: string;
  block: Block | null;
  sectionId: string;
  sectionTitle: string;
  text: string;
}

interface EntityDoc {
  entity: Entity;
  /** For a record: the sentence of the brief that states it (its first brief event). */
  statedAt: { brief: string; blockId: string } | null;
  /** Briefs that mention it, in slug order. */
  mentionedIn: string[];
  /** Names first (ko, en, ja), then aliases: the first that matches is the snippet. */
  labels: string[];
}

export interface ContentInput {
  briefs: { slug: string; document: BriefDocument; mentions: MentionIndex }[];
  entities: Entity[];
  agreements: AgreementData[];
}

export interface ContentIndex {
  aliases: AliasTable;
  text: { index: WordIndex; docs: TextDoc[] };
  entities: { index: WordIndex; docs: EntityDoc[] };
}

/** Builds the index of briefs and entities. */
export function buildContentIndex(input: ContentInput): ContentIndex {
  const text = { index: new WordIndex(), docs: [] as TextDoc[] };
  const mentionedIn = new Map<string, Set<string>>();
  for (const { slug, document, mentions } of input.briefs) {
    for (const section of document.sections) {
      if (section.title) {
        text.docs.push({ type: "section", brief: slug, id: section.id, block: null, sectionId: section.id, sectionTitle: section.title, text: section.title });
        text.index.add(distinctWords(section.title));
      }
      for (const block of section.blocks) {
        const ids = mentions.byBlock.get(block.id) ?? [];
        for (const id of ids) (mentionedIn.get(id) ?? mentionedIn.set(id, new Set()).get(id))?.add(slug);
        text.docs.push({ type: "block", brief: slug, id: block.id, block, sectionId: section.id, sectionTitle: section.title, text: block.text });
        text.index.add(distinctWords(block.text), ids.map(entityKey));
      }
    }
  }

  const entities = { index: new WordIndex(), docs: [] as EntityDoc[] };
  const documents = new Map(input.briefs.map((brief) => [brief.slug, brief.document]));
  for (const entity of input.entities) {
    const agreement = input.agreements.find((item) => item.id === entity.id);
    let statedAt: EntityDoc["statedAt"] = null;
    const document = agreement && documents.get(agreement.brief.slug);
    if (agreement && document) {
      // The curated order: the first event is the sentence that states the record best.
      for (const event of agreement.events) {
        if (event.basis !== "brief" || (event.brief ?? agreement.brief.slug) !== agreement.brief.slug || !event.quote) continue;
        const blockId = blocksQuoting(document, event.quote)[0];
        if (blockId) {
          statedAt = { brief: agreement.brief.slug, blockId };
          break;
        }
      }
    }
    const labels = [...new Set([entity.names.ko, entity.names.en, ...(entity.names.ja ? [entity.names.ja] : []), ...entity.aliases])].map((label) => label.normalize("NFC"));
    entities.docs.push({ entity, statedAt, mentionedIn: [...(mentionedIn.get(entity.id) ?? [])].sort(), labels });
    entities.index.add(
      labels.flatMap((label) => distinctWords(label)),
      [entityKey(entity.id)],
    );
  }
  return { aliases: buildAliasTable(input.entities), text, entities };
}

/** Where an entity result leads: the record's sentence, or the reader with the entity open. */
function entityLinks(doc: EntityDoc, brief: string | null): { href: string; page: string } {
  const { entity } = doc;
  const page = entity.kind === "agreement" ? `/agreements/${entity.id}` : `/entities/${entity.id}`;
  if (doc.statedAt) return { href: `/briefs/${doc.statedAt.brief}#${doc.statedAt.blockId}`, page };
  const slug = brief && doc.mentionedIn.includes(brief) ? brief : doc.mentionedIn[0];
  return { href: slug ? `/briefs/${slug}?entity=${encodeURIComponent(entity.id)}` : page, page };
}

/** Searches section titles and blocks (of one brief, or all) and entities. */
export function searchContent(
  content: ContentIndex,
  query: ParsedQuery,
  options: { brief?: string | null; limit: number },
): { text: SearchGroup<TextHit>; entities: SearchGroup<EntityHit> } {
  const needles = needlesOf(query);
  const entityIds = new Set([...query.terms.flatMap((term) => term.entities), ...query.phraseEntities]);

  const textScores = content.text.index.score(query.queries);
  const textTop = topSlots(textScores, {
    limit: options.limit,
    newestFirst: false,
    accept: options.brief ? (slot) => content.text.docs[slot].brief === options.brief : undefined,
  });
  const textHits: TextHit[] = textTop.slots.map(({ slot, score }) => {
    const doc = content.text.docs[slot];
    // Mentions of the entities the query names are matches too, though their words differ.
    const mentionSpans = (doc.block?.mentions ?? [])
      .filter((mention) => entityIds.has(mention.entityId))
      .map((mention) => utf16Span(doc.text, mention.start, mention.end));
    const { spans, best } = matchSpans(doc.text, needles, mentionSpans);
    return {
      type: doc.type,
      brief: doc.brief,
      id: doc.id,
      blockKind: doc.block?.kind ?? null,
      sectionId: doc.sectionId,
      sectionTitle: doc.sectionTitle,
      score,
      match: matchName(best),
      snippet: snippetOf(doc.text, spans),
      href: `/briefs/${doc.brief}#${doc.id}`,
    };
  });

  const entityScores = content.entities.index.score(query.queries);
  // The entity the query names outranks records and others that merely share a word with it
  // (`Australia`: 호주 first, then `Japan–Australia …` records).
  content.entities.docs.forEach((doc, slot) => {
    if (entityIds.has(doc.entity.id) && entityScores[slot] > 0) entityScores[slot] = Math.min(255, entityScores[slot] + 1);
  });
  const entityTop = topSlots(entityScores, { limit: options.limit, newestFirst: false });
  const entityHits: EntityHit[] = entityTop.slots.map(({ slot, score }) => {
    const doc = content.entities.docs[slot];
    const { entity } = doc;
    // The snippet is the best-matching name or alias; the names come with the result anyway.
    let shown: { label: string; spans: { start: number; end: number }[]; best: MatchClassValue } = { label: doc.labels[0], spans: [], best: MatchClass.none };
    for (const label of doc.labels) {
      const { spans, best } = matchSpans(label, needles);
      if (best > shown.best) shown = { label, spans, best };
    }
    if (shown.best === 0 && entityIds.has(entity.id)) shown = { label: doc.labels[0], spans: [{ start: 0, end: doc.labels[0].length }], best: MatchClass.alias };
    return {
      type: entity.kind === "agreement" ? "agreement" : "entity",
      id: entity.id,
      kind: entity.kind,
      names: entity.names,
      score,
      match: matchName(shown.best),
      snippet: snippetOf(shown.label, shown.spans),
      ...entityLinks(doc, options.brief ?? null),
    };
  });
  return { text: { total: textTop.total, results: textHits }, entities: { total: entityTop.total, results: entityHits } };
}

/** A code-point span of a text as UTF-16 units. */
function utf16Span(text: string, start: number, end: number): { start: number; end: number } {
  const points = Array.from(text);
  const startUnits = points.slice(0, start).join("").length;
  return { start: startUnits, end: startUnits + points.slice(start, end).join("").length };
}

