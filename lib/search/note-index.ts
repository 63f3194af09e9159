/**
 * The notes (annotations) the search can find: their words and who may see each. Pure, in
 * memory; the search service fills it from the database and keeps it in step.
 *
 * Who may see a note is the rule of the annotations API (lib/db/annotations.ts `visibleTo`),
 * applied here to flags kept per note: a private note only by its author; a shared one by every
 * signed-in reader, unless an admin hid it (then by admins and its author); a deleted one by
 * nobody (search does not offer the author's deleted notes either). Nobody signed in: nothing.
 */
import type { Viewer } from "@/lib/domain/account";
import { distinctWords } from "./korean";
import { entityKey, type ParsedQuery } from "./query";
import { topSlots, WordIndex } from "./word-index";

/** What the index needs of an annotation row. */
export interface NoteRecord {
  id: string;
  brief: string;
  authorId: string;
  visibility: string;
  body: string;
  tags: string[];
  /** The quoted text of a text target. */
  quote: string | null;
  /** The entity or record of an entity target. */
  entityId: string | null;
  deleted: boolean;
  hidden: boolean;
  version: number;
  /** Last write of any kind, in ms since the epoch. */
  updatedAt: number;
}

const SHARED = 1;
const DELETED = 2;
const HIDDEN = 4;

interface Entry {
  slot: number;
  /** `version@updatedAt` of the row as indexed: the same stamp again is nothing new. */
  stamp: string;
  /** A hash of the indexed text: a change of flags alone keeps the slot. */
  textHash: number;
}

/** A 53-bit string hash (cyrb53): a changed text gets a new slot; equal hashes keep it. */
function hash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function textOf(note: NoteRecord): string {
  return `${note.body}\u0000${note.tags.join("\u0001")}\u0000${note.quote ?? ""}\u0000${note.entityId ?? ""}`;
}

export class NoteIndex {
  private index = new WordIndex();
  private readonly entries = new Map<string, Entry>();
  private ids: string[] = [];
  private author = new Int32Array(1024);
  private brief = new Int32Array(1024);
  private flags = new Uint8Array(1024);
  private readonly people = new Map<string, number>();
  private readonly briefs = new Map<string, number>();

  /** Notes in the index. */
  get size(): number {
    return this.entries.size;
  }

  /** Slots left behind by edited notes; when they outnumber the live ones, rebuild. */
  get deadCount(): number {
    return this.index.deadCount;
  }

  get vocabularySize(): number {
    return this.index.vocabularySize;
  }

  /** True if the row at this version and time is already indexed. */
  has(id: string, version: number, updatedAt: number): boolean {
    return this.entries.get(id)?.stamp === `${version}@${updatedAt}`;
  }

  contains(id: string): boolean {
    return this.entries.has(id);
  }

  /** Ids of the indexed notes. */
  noteIds(): IterableIterator<string> {
    return this.entries.keys();
  }

  private number(map: Map<string, number>, key: string): number {
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = map.size));
    return value;
  }

  private grow(slot: number): void {
    if (slot < this.flags.length) return;
    const size = this.flags.length * 2;
    const author = new Int32Array(size);
    author.set(this.author);
    const brief = new Int32Array(size);
    brief.set(this.brief);
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.author = author;
    this.brief = brief;
    this.flags = flags;
  }

  /** Adds a note or takes in its new state. */
  upsert(note: NoteRecord): void {
    const stamp = `${note.version}@${note.updatedAt}`;
    const text = textOf(note);
    const textHash = hash(text);
    const flags = (note.visibility === "shared" ? SHARED : 0) | (note.deleted ? DELETED : 0) | (note.hidden ? HIDDEN : 0);
    const existing = this.entries.get(note.id);
    if (existing && existing.textHash === textHash) {
      // Same words: only who may see it (or nothing searchable) changed.
      this.flags[existing.slot] = flags;
      this.author[existing.slot] = this.number(this.people, note.authorId);
      existing.stamp = stamp;
      return;
    }
    if (existing) this.index.remove(existing.slot);
    const words = distinctWords(`${note.body}\n${note.tags.join("\n")}\n${note.quote ?? ""}`);
    const slot = this.index.add(words, note.entityId ? [entityKey(note.entityId)] : []);
    this.grow(slot);
    this.ids[slot] = note.id;
    this.author[slot] = this.number(this.people, note.authorId);
    this.brief[slot] = this.number(this.briefs, note.brief);
    this.flags[slot] = flags;
    this.entries.set(note.id, { slot, stamp, textHash });
  }

  /** Forgets a note (a row that no longer exists). */
  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.index.remove(entry.slot);
    this.entries.delete(id);
  }

  /** The notes the viewer may see that match, best first, and how many there are in all. */
  search(query: ParsedQuery, viewer: Viewer | null, options: { brief?: string | null; limit: number }): { total: number; hits: { id: string; score: number }[] } {
    if (!viewer) return { total: 0, hits: [] };
    const scores = this.index.score(query.queries);
    const me = this.people.get(viewer.id) ?? -1;
    const admin = viewer.role === "admin";
    const brief = options.brief ? (this.briefs.get(options.brief) ?? -2) : -1;
    const { total, slots } = topSlots(scores, {
      limit: options.limit,
      newestFirst: true,
      accept: (slot) => {
        if (brief !== -1 && this.brief[slot] !== brief) return false;
        const flags = this.flags[slot];
        if (flags & DELETED) return false;
        if (this.author[slot] === me) return true;
        return (flags & SHARED) !== 0 && (admin || (flags & HIDDEN) === 0);
      },
    });
    return { total, hits: slots.map(({ slot, score }) => ({ id: this.ids[slot], score })) };
  }
}
