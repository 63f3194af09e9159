/**
 * A search query, read: its words (folded, particles dropped), the entities they name, and the
 * clauses every index scores. Pure.
 */
import type { Entity } from "@/lib/domain/entity";
import { distinctWords, fold, MatchClass, stemOf, wordsOf } from "./korean";
import type { Clause, Needle } from "./word-index";

/** Names of entities, for reading a query word as an entity (`Australia` → 호주). */
export interface AliasTable {
  /** A folded name or alias, words joined by one space → the entities with it. */
  byName: Map<string, string[]>;
  /** Entity id → its one-word names and aliases, folded: what a mention of it looks like in text. */
  words: Map<string, string[]>;
}

/** The key under which documents that mention (or are, or are attached to) an entity are filed. */
export function entityKey(id: string): string {
  return `entity:${id}`;
}

function phraseOf(text: string): string {
  return wordsOf(text.normalize("NFC"))
    .map((word) => word.folded)
    .join(" ");
}

/** Builds the alias table from the registry's entities (agreement records included). */
export function buildAliasTable(entities: Entity[]): AliasTable {
  const byName = new Map<string, string[]>();
  const words = new Map<string, string[]>();
  for (const entity of entities) {
    const names = new Set([entity.names.ko, entity.names.en, ...(entity.names.ja ? [entity.names.ja] : []), ...entity.aliases]);
    const single = new Set<string>();
    for (const name of names) {
      const phrase = phraseOf(name);
      if (!phrase) continue;
      const ids = byName.get(phrase) ?? [];
      if (!ids.includes(entity.id)) ids.push(entity.id);
      byName.set(phrase, ids);
      if (!phrase.includes(" ")) single.add(phrase);
    }
    words.set(entity.id, [...single]);
  }
  return { byName, words };
}

/** One word of the query. */
export interface QueryTerm {
  /** Folded, as typed. */
  text: string;
  /** Without its particles (`호주와` → `호주`), or null if it has none. */
  stem: string | null;
  /** Entities this word names (by the word or its stem). */
  entities: string[];
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Entities named by several words of the query together (`United Kingdom`). */
  phraseEntities: string[];
  /** Alternative readings, each a list of clauses that must all match (AND). */
  queries: Clause[][];
}

/** At most this many words of a query count; the rest are ignored. */
export const MAX_TERMS = 8;

function aliasNeedles(ids: string[], aliases: AliasTable): Needle[] {
  const needles: Needle[] = [];
  for (const id of ids) {
    needles.push({ text: entityKey(id), mode: "key", cap: MatchClass.alias });
    for (const word of aliases.words.get(id) ?? []) needles.push({ text: word, mode: "exact-only", cap: MatchClass.alias });
  }
  return needles;
}

/** Reads a query: words (AND), each with its stem and the entities it names. */
export function parseQuery(q: string, aliases: AliasTable): ParsedQuery {
  const texts = distinctWords(fold(q)).slice(0, MAX_TERMS);
  const terms: QueryTerm[] = texts.map((text) => {
    const stem = stemOf(text);
    const entities = [...new Set([...(aliases.byName.get(text) ?? []), ...(stem ? (aliases.byName.get(stem) ?? []) : [])])];
    return { text, stem, entities };
  });
  // Names of several words (`United Kingdom`) are read as one entity too, wherever they stand
  // in the query: a second reading, scored against the literal one, best of both.
  const phrases: { start: number; length: number; ids: string[] }[] = [];
  for (let start = 0; start < texts.length; start++) {
    for (let length = texts.length - start; length >= 2; length--) {
      const ids = aliases.byName.get(texts.slice(start, start + length).join(" "));
      if (ids) {
        phrases.push({ start, length, ids });
        start += length - 1;
        break;
      }
    }
  }
  const phraseEntities = [...new Set(phrases.flatMap((phrase) => phrase.ids))];

  const clauseOf = (term: QueryTerm): Clause => [
    { text: term.text, mode: "word", cap: MatchClass.exact },
    ...(term.stem ? [{ text: term.stem, mode: "word", cap: MatchClass.exact } satisfies Needle] : []),
    ...aliasNeedles(term.entities, aliases),
  ];
  const queries: Clause[][] = [terms.map(clauseOf)];
  if (phrases.length > 0) {
    const covered = new Set(phrases.flatMap((phrase) => Array.from({ length: phrase.length }, (_, offset) => phrase.start + offset)));
    queries.push([...terms.filter((_, index) => !covered.has(index)).map(clauseOf), ...phrases.map((phrase) => aliasNeedles(phrase.ids, aliases))]);
  }
  return { terms, phraseEntities, queries };
}

/** Every needle of a parsed query, for highlighting. */
export function needlesOf(query: ParsedQuery): Needle[] {
  return query.queries.flat(2);
}
