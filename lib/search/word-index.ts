/**
 * An inverted index of words, with a character n-gram index over its vocabulary. Pure, in memory.
 *
 * Why this shape (and not a bigram index over the whole text, or a plain word index):
 * - Korean has no stemmer in the field one can trust offline, and a word of the text is a noun
 *   plus particles (`호주와`) or a compound (`인도태평양`, `미일동맹`). A plain word index misses
 *   both; a syllable-bigram index over all text finds them, but its postings for common bigrams
 *   (`일본` is in most sentences of this brief) run to every document, and each hit must then be
 *   re-read to check it and to tell an exact word from part of a longer one.
 * - So the n-grams (1 and 2 characters; one Hangul syllable is one character) index the
 *   vocabulary, the distinct words, which stays small (tens of thousands) while documents grow
 *   (100,000 notes). A needle is looked up in the vocabulary by its rarest bigram and checked
 *   with `includes`; each vocabulary word that contains it is classified once (exact word, word
 *   plus particles, prefix, substring: ./korean.ts), and its postings give the documents.
 * Documents are numbered in the order they are added ("slots"); a changed document is added
 * again under a new slot and the old one is marked dead, so postings only ever grow at the end
 * and stay sorted. Dead slots are skipped when scoring; the owner rebuilds when they pile up.
 */
import { classify, MatchClass, type MatchClassValue } from "./korean";

/** A needle to look for, and the best class a match of it may score. */
export interface Needle {
  /** Folded text. */
  text: string;
  /**
   * `word`: any match in the vocabulary scores its class (capped at `cap`). `exact-only`: only a
   * whole word (with particles) counts, scoring `cap` (another name of an entity: a prefix of it
   * would be noise). `key`: an exact key attached to documents, such as a mentioned entity's id.
   */
  mode: "word" | "exact-only" | "key";
  cap: MatchClassValue;
}

/** One clause of a query: the document must match at least one of its needles. */
export type Clause = Needle[];

function gramsOf(word: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i < word.length; i++) {
    grams.add(word[i]);
    if (i + 1 < word.length) grams.add(word.slice(i, i + 2));
  }
  return grams;
}

export class WordIndex {
  private readonly vocabulary: string[] = [];
  private readonly wordIds = new Map<string, number>();
  /** 1- and 2-character grams of vocabulary words → word ids, ascending. */
  private readonly grams = new Map<string, number[]>();
  /** Word id → slots, ascending. */
  private readonly postings: number[][] = [];
  /** Exact keys (not words) → slots, ascending. */
  private readonly keys = new Map<string, number[]>();
  private alive = new Uint8Array(1024);
  private slots = 0;
  private dead = 0;

  /** Number of slots ever handed out (live and dead). */
  get size(): number {
    return this.slots;
  }

  get deadCount(): number {
    return this.dead;
  }

  get vocabularySize(): number {
    return this.vocabulary.length;
  }

  private wordId(word: string): number {
    let id = this.wordIds.get(word);
    if (id !== undefined) return id;
    id = this.vocabulary.length;
    this.vocabulary.push(word);
    this.wordIds.set(word, id);
    this.postings.push([]);
    for (const gram of gramsOf(word)) {
      const list = this.grams.get(gram);
      if (list) list.push(id);
      else this.grams.set(gram, [id]);
    }
    return id;
  }

  /** Adds a document of distinct folded words (and optional exact keys); returns its slot. */
  add(words: Iterable<string>, keys: Iterable<string> = []): number {
    const slot = this.slots++;
    if (slot >= this.alive.length) {
      const grown = new Uint8Array(this.alive.length * 2);
      grown.set(this.alive);
      this.alive = grown;
    }
    this.alive[slot] = 1;
    for (const word of new Set(words)) {
      if (word) this.postings[this.wordId(word)].push(slot);
    }
    for (const key of new Set(keys)) {
      const list = this.keys.get(key);
      if (list) list.push(slot);
      else this.keys.set(key, [slot]);
    }
    return slot;
  }

  /** Marks a slot dead: it never matches again. */
  remove(slot: number): void {
    if (slot < this.slots && this.alive[slot]) {
      this.alive[slot] = 0;
      this.dead++;
    }
  }

  isAlive(slot: number): boolean {
    return this.alive[slot] === 1;
  }

  /** Vocabulary words containing the needle, with how they match it. */
  matchingWords(needle: string): { id: number; cls: MatchClassValue }[] {
    if (!needle) return [];
    let candidates: number[] | undefined;
    if (needle.length === 1) candidates = this.grams.get(needle);
    else {
      // The rarest bigram of the needle narrows the vocabulary most.
      for (let i = 0; i + 1 < needle.length; i++) {
        const list = this.grams.get(needle.slice(i, i + 2));
        if (!list) return [];
        if (!candidates || list.length < candidates.length) candidates = list;
      }
    }
    const matches: { id: number; cls: MatchClassValue }[] = [];
    for (const id of candidates ?? []) {
      const { cls } = classify(this.vocabulary[id], needle);
      if (cls !== MatchClass.none) matches.push({ id, cls });
    }
    return matches;
  }

  /** The best class each slot scores for one clause (0: no match), one byte per slot. */
  scoreClause(clause: Clause): Uint8Array {
    const scores = new Uint8Array(this.slots);
    const raise = (list: number[], value: number) => {
      for (const slot of list) if (scores[slot] < value) scores[slot] = value;
    };
    for (const needle of clause) {
      if (needle.mode === "key") {
        const list = this.keys.get(needle.text);
        if (list) raise(list, needle.cap);
        continue;
      }
      for (const { id, cls } of this.matchingWords(needle.text)) {
        if (needle.mode === "exact-only" && cls !== MatchClass.exact) continue;
        raise(this.postings[id], needle.mode === "exact-only" ? needle.cap : Math.min(cls, needle.cap));
      }
    }
    return scores;
  }

  /**
   * Scores every live slot for a query: the sum of its clauses' classes when every clause
   * matches (an AND of clauses), else 0. Several alternative queries (a phrase read as one
   * entity name, say) combine by taking each slot's best.
   */
  score(queries: Clause[][]): Uint8Array {
    let best: Uint8Array | null = null;
    for (const clauses of queries) {
      if (clauses.length === 0) continue;
      let total: Uint8Array | null = null;
      for (const clause of clauses) {
        const scores = this.scoreClause(clause);
        if (!total) total = scores;
        else for (let slot = 0; slot < total.length; slot++) total[slot] = total[slot] && scores[slot] ? Math.min(255, total[slot] + scores[slot]) : 0;
      }
      if (!total) continue;
      if (!best) best = total;
      else for (let slot = 0; slot < best.length; slot++) if (total[slot] > best[slot]) best[slot] = total[slot];
    }
    const result = best ?? new Uint8Array(this.slots);
    for (let slot = 0; slot < result.length; slot++) if (!this.alive[slot]) result[slot] = 0;
    return result;
  }
}

/**
 * The best `limit` slots by score (ties: newest slot first, or document order), among those
 * `accept` lets through, and how many were accepted in all. One pass, no sort: scores are small
 * integers, so each score keeps its own bucket of at most `limit` slots.
 */
export function topSlots(
  scores: Uint8Array,
  options: { limit: number; newestFirst: boolean; accept?: (slot: number) => boolean },
): { total: number; slots: { slot: number; score: number }[] } {
  const buckets = new Map<number, number[]>();
  let total = 0;
  const visit = (slot: number) => {
    const score = scores[slot];
    if (score === 0 || (options.accept && !options.accept(slot))) return;
    total++;
    let bucket = buckets.get(score);
    if (!bucket) buckets.set(score, (bucket = []));
    if (bucket.length < options.limit) bucket.push(slot);
  };
  if (options.newestFirst) for (let slot = scores.length - 1; slot >= 0; slot--) visit(slot);
  else for (let slot = 0; slot < scores.length; slot++) visit(slot);
  const slots: { slot: number; score: number }[] = [];
  for (const score of [...buckets.keys()].sort((a, b) => b - a)) {
    for (const slot of buckets.get(score) as number[]) {
      if (slots.length >= options.limit) break;
      slots.push({ slot, score });
    }
  }
  return { total, slots };
}
