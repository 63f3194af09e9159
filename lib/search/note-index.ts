/**
 * The notes (annotations) the search can find: their words and who may see each. Pure, in
 * memory; the search service fills it from the database and keeps it in step.
 *
 * Who may see a note is the rule of the annotations API (lib/db/annotations.ts `visibleTo`),
 * applied here to flags kept per note: a private note only by its author; a group one by its
 * author and the members of its group (the caller says which groups the viewer is in now, so
 * leaving one takes effect at the next search); a shared one by every signed-in reader, unless an
 * admin hid it (then by admins and its author); a deleted one by nobody (search does not offer
 * the author's deleted notes either). Nobody signed in: nothing.
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
  /** The group of a `group` note. */
  groupId: string | null;
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
const GROUP = 8;

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
  /** Note id → its current slot. Per slot, in typed arrays (no object per note, little for the GC to trace): */
  private readonly slots = new Map<string, number>();
  private ids: string[] = [];
  private author = new Int32Array(1024);
  private brief = new Int32Array(1024);
  /** The number of a group note's group (-1: none). */
  private group = new Int32Array(1024);
  private flags = new Uint8Array(1024);
  /** The row's version and time as indexed: the same pair again is nothing new. */
  private version = new Int32Array(1024);
  private updatedAt = new Float64Array(1024);
  /** A hash of the indexed words' text: a change of flags alone keeps the slot. */
  private textHash = new Float64Array(1024);
  private readonly people = new Map<string, number>();
  private readonly briefs = new Map<string, number>();
  private readonly groups = new Map<string, number>();

  /** Notes in the index. */
  get size(): number {
    return this.slots.size;
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
    const slot = this.slots.get(id);
    return slot !== undefined && this.version[slot] === version && this.updatedAt[slot] === updatedAt;
  }

  contains(id: string): boolean {
    return this.slots.has(id);
  }

  /** Ids of the indexed notes. */
  noteIds(): IterableIterator<string> {
    return this.slots.keys();
  }

  private number(map: Map<string, number>, key: string): number {
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = map.size));
    return value;
  }

  private grow(slot: number): void {
    if (slot < this.flags.length) return;
    const size = this.flags.length * 2;
    const grown = <T extends Int32Array | Uint8Array | Float64Array>(array: T, make: new (length: number) => T): T => {
      const next = new make(size);
      next.set(array);
      return next;
    };
    this.author = grown(this.author, Int32Array);
    this.brief = grown(this.brief, Int32Array);
    this.group = grown(this.group, Int32Array);
    this.flags = grown(this.flags, Uint8Array);
    this.version = grown(this.version, Int32Array);
    this.updatedAt = grown(this.updatedAt, Float64Array);
    this.textHash = grown(this.textHash, Float64Array);
  }

  /** Adds a note or takes in its new state. */
  upsert(note: NoteRecord): void {
    const textHash = hash(textOf(note));
    const flags = (note.visibility === "shared" ? SHARED : 0) | (note.visibility === "group" && note.groupId ? GROUP : 0) | (note.deleted ? DELETED : 0) | (note.hidden ? HIDDEN : 0);
    let slot = this.slots.get(note.id);
    if (slot === undefined || this.textHash[slot] !== textHash) {
      // New words (or a new note): a new slot; the old one, if any, is dead.
      if (slot !== undefined) this.index.remove(slot);
      const words = distinctWords(`${note.body}\n${note.tags.join("\n")}\n${note.quote ?? ""}`);
      slot = this.index.add(words, note.entityId ? [entityKey(note.entityId)] : []);
      this.grow(slot);
      this.ids[slot] = note.id;
      this.brief[slot] = this.number(this.briefs, note.brief);
      this.textHash[slot] = textHash;
      this.slots.set(note.id, slot);
    }
    // Same words or not: who may see it, and the row's version and time.
    this.flags[slot] = flags;
    this.group[slot] = flags & GROUP && note.groupId ? this.number(this.groups, note.groupId) : -1;
    this.author[slot] = this.number(this.people, note.authorId);
    this.version[slot] = note.version;
    this.updatedAt[slot] = note.updatedAt;
  }

  /** Forgets a note (a row that no longer exists). */
  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.index.remove(slot);
    this.slots.delete(id);
  }

  /**
   * The notes the viewer may see that match, best first, and how many there are in all. `groups`:
   * the ids of the groups the viewer is a member of now.
   */
  search(
    query: ParsedQuery,
    viewer: Viewer | null,
    options: { brief?: string | null; limit: number; groups?: readonly string[] },
  ): { total: number; hits: { id: string; score: number }[] } {
    if (!viewer) return { total: 0, hits: [] };
    const mine = new Set((options.groups ?? []).flatMap((id) => (this.groups.has(id) ? [this.groups.get(id) as number] : [])));
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
        if (!admin && (flags & HIDDEN) !== 0) return false;
        if (flags & GROUP) return mine.has(this.group[slot]);
        return (flags & SHARED) !== 0;
      },
    });
    return { total, hits: slots.map(({ slot, score }) => ({ id: this.ids[slot], score })) };
  }
}
