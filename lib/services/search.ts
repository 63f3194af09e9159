/**
 * Search use case: the brief's text, entities and records, and the notes the viewer may see.
 *
 * The indexes live in this process (lib/search). The content index is rebuilt when a brief's
 * text or the registry changes (their revision and signature are its key). The notes index is
 * kept in step with the database on every search, so a note written, edited, hidden or deleted
 * by this process or another one is found (or no longer found) by the next search:
 * - every Annotation write sets `updatedAt` (Prisma's @updatedAt, whoever writes), indexed;
 * - each search asks for the rows written since the last one seen, minus a margin for writes
 *   that took their time between choosing their timestamp and committing, and re-indexes those
 *   whose version or time is new (ids, versions and times only: cheap when nothing changed);
 * - rows that vanished outright (an account deleted with its notes) are caught by comparing
 *   counts every RECONCILE_MS;
 * - the notes of the results are read again with the annotations API's `visibleTo`, so even a
 *   stale index could not show a note its viewer may not see.
 */
import "server-only";
import { loadKnowledge } from "./knowledge";
import { db } from "@/lib/database/prisma";
import { groupIdsOf } from "@/lib/db/groups";
import { allNoteIds, changeMarkersSince, countNotes, notePage, notesByIds, type ShownNote, visibleNotesByIds } from "@/lib/db/search";
import type { Viewer } from "@/lib/domain/account";
import { AppError } from "@/lib/domain/errors";
import type { Motivation, Visibility } from "@/lib/domain/annotation";
import type { NoteHit, SearchQuery, SearchResults } from "@/lib/domain/search";
import { buildContentIndex, type ContentIndex, searchContent } from "@/lib/search/content-index";
import type { MatchClassValue } from "@/lib/search/korean";
import { NoteIndex } from "@/lib/search/note-index";
import { needlesOf, parseQuery, type ParsedQuery } from "@/lib/search/query";
import { matchName, matchSpans, snippetOf } from "@/lib/search/snippet";
import { currentRevisions } from "./library";

/** Writes stamped up to this long before the newest one seen are looked at again. */
const MARGIN_MS = 10_000;
/** How often the count of rows is compared with the index's, to notice rows deleted outright. */
const RECONCILE_MS = 30_000;
/** Rows read per page when (re)building the notes index. */
const PAGE = 5_000;
/** Notes indexed between two turns of the event loop during a build. */
const YIELD_EVERY = 500;
/**
 * The library and the entity data are checked for changes at most this often: the check stats
 * every data file. A revised brief is searchable within this time.
 */
const CONTENT_CHECK_MS = 1_000;

interface NotesState {
  index: NoteIndex;
  /** The newest `updatedAt` seen, in ms. */
  seenUpTo: number;
  reconciledAt: number;
}

interface SearchState {
  content: { key: string; index: ContentIndex; revisions: Map<string, string>; checkedAt: number } | null;
  notes: NotesState | null;
  /** One sync at a time; concurrent searches wait for the same one. */
  syncing: Promise<NotesState> | null;
}

// On globalThis, not in module scope: Next bundles the API route and the /search page apart,
// and both must share one index (as they share one Prisma client).
const holder = globalThis as unknown as { briefReaderSearch?: SearchState };
function state(): SearchState {
  holder.briefReaderSearch ??= { content: null, notes: null, syncing: null };
  return holder.briefReaderSearch;
}

/** The content index for the briefs and registry as they are now (checked every CONTENT_CHECK_MS). */
async function currentContent(): Promise<{ index: ContentIndex; revisions: Map<string, string> }> {
  const current = state();
  if (current.content && Date.now() - current.content.checkedAt < CONTENT_CHECK_MS) return current.content;
  const [briefs, registry] = await Promise.all([currentRevisions(), loadKnowledge()]);
  // The knowledge version too: a curated mention changes what a brief mentions, not its text.
  const key = `${briefs.map((brief) => `${brief.slug}@${brief.sha256}`).join(",")}|${registry.signature}|${registry.version}`;
  const revisions = new Map(briefs.map((brief) => [brief.slug, brief.sha256]));
  if (current.content?.key !== key) {
    const index = buildContentIndex({
      briefs: briefs.map((brief) => ({ slug: brief.slug, document: brief.parsed.document, mentions: brief.parsed.mentions })),
      entities: registry.entities,
      agreements: registry.agreements,
    });
    current.content = { key, index, revisions, checkedAt: Date.now() };
  } else if (current.content) current.content.checkedAt = Date.now();
  return current.content as NonNullable<SearchState["content"]>;
}

/** Reads every annotation into a fresh index. */
async function buildNotes(): Promise<NotesState> {
  const started = Date.now();
  const index = new NoteIndex();
  let after: string | null = null;
  let seenUpTo = 0;
  for (;;) {
    const page = await notePage(db(), { after, take: PAGE });
    for (let i = 0; i < page.length; i++) {
      const note = page[i];
      index.upsert(note);
      if (note.updatedAt > seenUpTo) seenUpTo = note.updatedAt;
      // Indexing is synchronous work: let other requests through every few hundred notes, so a
      // build at startup (100,000 notes: seconds) never holds the server for more than a moment.
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resume) => setImmediate(resume));
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].id;
  }
  // Rows written while the pages were read have later times than `started`: the next sync
  // looks from there (less the margin), whatever page they would have been on.
  const ms = Date.now() - started;
  console.log(`search: indexed ${index.size} notes in ${ms} ms (${index.vocabularySize} distinct words)`);
  return { index, seenUpTo: Math.min(seenUpTo, started), reconciledAt: Date.now() };
}

/** Takes in what was written since the last sync. */
async function catchUp(notes: NotesState): Promise<NotesState> {
  const markers = await changeMarkersSince(db(), new Date(notes.seenUpTo - MARGIN_MS));
  const changed = markers.filter((marker) => !notes.index.has(marker.id, marker.version, marker.updatedAt)).map((marker) => marker.id);
  for (let i = 0; i < changed.length; i += 500) {
    for (const note of await notesByIds(db(), changed.slice(i, i + 500))) notes.index.upsert(note);
  }
  for (const marker of markers) if (marker.updatedAt > notes.seenUpTo) notes.seenUpTo = marker.updatedAt;

  if (Date.now() - notes.reconciledAt > RECONCILE_MS) {
    notes.reconciledAt = Date.now();
    if ((await countNotes(db())) !== notes.index.size) {
      const ids = new Set(await allNoteIds(db()));
      for (const id of [...notes.index.noteIds()]) if (!ids.has(id)) notes.index.remove(id);
      const missing = [...ids].filter((id) => !notes.index.contains(id));
      for (let i = 0; i < missing.length; i += 500) for (const note of await notesByIds(db(), missing.slice(i, i + 500))) notes.index.upsert(note);
    }
  }
  // Edited notes leave dead slots behind; once they outnumber the live ones, start afresh.
  if (notes.index.deadCount > 10_000 && notes.index.deadCount > notes.index.size) return buildNotes();
  return notes;
}

/** The notes index, in step with the database. */
async function syncedNotes(): Promise<NotesState> {
  const current = state();
  if (current.syncing) return current.syncing;
  current.syncing = (current.notes ? catchUp(current.notes) : buildNotes())
    .then((notes) => {
      current.notes = notes;
      return notes;
    })
    .finally(() => {
      current.syncing = null;
    });
  return current.syncing;
}

/** The annotation's place in the reader: its sentence (a reply: its parent's), the note selected. */
function noteHref(note: ShownNote): string {
  const blockId = note.blockId ?? note.parentBlockId;
  return `/briefs/${note.briefSlug}?note=${encodeURIComponent(note.id)}${blockId ? `#${blockId}` : ""}`;
}

/** A note as a result: the snippet comes from the part that matches best (body, then quote, then tags). */
function noteHit(note: ShownNote, query: ParsedQuery, score: number): NoteHit {
  const needles = needlesOf(query);
  const entityIds = new Set([...query.terms.flatMap((term) => term.entities), ...query.phraseEntities]);
  const parts: { field: NoteHit["field"]; text: string }[] = [
    { field: "body", text: note.body.normalize("NFC") },
    { field: "quote", text: (note.quoteExact ?? "").normalize("NFC") },
    { field: "tags", text: note.tags.map((tag) => `#${tag}`).join(" ").normalize("NFC") },
  ];
  let shown = { ...parts[0], ...matchSpans(parts[0].text, needles) };
  for (const part of parts.slice(1)) {
    const matched = matchSpans(part.text, needles);
    if (matched.best > shown.best) shown = { ...part, ...matched };
  }
  // A note on the entity the query names matches through its target, whatever its words.
  const viaTarget = note.entityId !== null && entityIds.has(note.entityId);
  const best: MatchClassValue = shown.best === 0 && viaTarget ? 3 : shown.best;
  if (!shown.text) shown = { ...parts.find((part) => part.text) ?? parts[0], spans: [], best };
  return {
    type: "note",
    id: note.id,
    brief: note.briefSlug,
    motivation: note.motivation as Motivation,
    visibility: note.visibility as Visibility,
    group: note.visibility === "group" ? note.group : null,
    author: note.author,
    field: shown.field,
    parentId: note.parentId,
    modified: note.modifiedAt.toISOString(),
    score,
    match: matchName(best),
    snippet: snippetOf(shown.text, shown.spans),
    href: noteHref(note),
  };
}

/** Milliseconds each step of the last search took, for the Server-Timing header. */
export interface SearchTimings {
  content: number;
  sync: number;
  query: number;
  fetch: number;
}

/**
 * Searches the text (of one brief, or all), the entities and records, and the notes the viewer
 * may see (none for anonymous readers). Throws `not_found` for an unknown brief.
 */
export async function search(viewer: Viewer | null, input: SearchQuery): Promise<{ results: SearchResults; timings: SearchTimings }> {
  const clock = performance.now();
  const lap = () => {
    const now = performance.now();
    const spent = now - mark;
    mark = now;
    return Math.round(spent * 100) / 100;
  };
  let mark = clock;
  const { index: content, revisions } = await currentContent();
  if (input.brief && !revisions.has(input.brief)) throw new AppError("not_found", `No brief named “${input.brief}”`, "brief");
  const timings: SearchTimings = { content: lap(), sync: 0, query: 0, fetch: 0 };

  const query = parseQuery(input.q, content.aliases);
  const found = searchContent(content, query, { brief: input.brief ?? null, limit: input.limit });
  let notes: SearchResults["groups"]["notes"] = null;
  if (viewer) {
    const synced = await syncedNotes();
    timings.sync = lap();
    // A few more than asked: one may have changed since the sync and drop out below.
    const groups = await groupIdsOf(db(), viewer.id);
    const { total, hits } = synced.index.search(query, viewer, { brief: input.brief ?? null, limit: input.limit + 5, groups });
    timings.query = lap();
    const rows = hits.length > 0 ? await visibleNotesByIds(db(), viewer, hits.map((hit) => hit.id)) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const results = hits.flatMap((hit) => {
      const row = byId.get(hit.id);
      return row ? [noteHit(row, query, hit.score)] : [];
    });
    notes = { total: total - (hits.length - results.length), results: results.slice(0, input.limit) };
    timings.fetch = lap();
  } else timings.query = lap();

  return {
    results: {
      query: input.q,
      terms: query.terms.map(({ text, stem, entities }) => ({ text, stem, entities })),
      brief: input.brief ?? null,
      groups: { text: found.text, entities: found.entities, notes },
    },
    timings,
  };
}

/**
 * Builds the indexes ahead of the first search (called at server start): at 100,000 notes the
 * notes index takes seconds to read, which the first searcher would otherwise wait for.
 */
export async function warmSearch(): Promise<void> {
  await currentContent();
  await syncedNotes();
}
