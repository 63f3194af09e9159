/**
 * The live stream of a brief's annotations (GET /api/briefs/<slug>/events): every created,
 * changed, deleted and re-anchored annotation of the brief that the viewer may see, in the
 * order of the event log (lib/db/annotation-events.ts), each with the log's id.
 *
 * Rules:
 * - What a viewer is sent is decided by `visibleTo` alone (through `visibleAmong` beside it in
 *   lib/db/annotations.ts), with their own deleted notes included as the reader lists them. A
 *   note the viewer may see is sent whole, as it is now (the reader applies it by `version`), so
 *   a replayed old event never brings back an old state.
 * - A note that leaves the viewer's sight is sent as `deleted` with its id only, and only to a
 *   viewer who saw it: in this stream (it was visible when the stream opened or was sent since),
 *   or, for a deletion, to one who could see it but for its deletion. Anyone else learns
 *   nothing, not even that it existed.
 * - Resuming: with `after` (the SSE `Last-Event-ID`) the stream first replays the log after it
 *   from the database, so a reconnect (after a dropped connection or a server restart) loses
 *   nothing. Without, it starts at the newest event and says so (`ready`): the reader loads the
 *   list then, and the stream carries every change after it.
 *
 * One hub per process reads the log once per wake-up (a signal from a writer here, PostgreSQL's
 * NOTIFY from another process, or a poll every POLL_MS as a safety net), loads the changed rows
 * once, and hands them to every open stream of their brief; each stream checks visibility in
 * memory, so many open readers cost little more than one.
 */
import "server-only";
import { type AnnotationEventKind, type AnnotationEventRow, latestEventId, listEventsAfter } from "@/lib/db/annotation-events";
import { type AnnotationCursor, type AnnotationRow, loadAnnotationRows, pageVisibleIds, toAnnotation, visibleAmong } from "@/lib/db/annotations";
import { onAnnotationEvents } from "@/lib/database/annotation-signal";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import type { Annotation } from "@/lib/domain/annotation";
import { notFoundAs } from "@/lib/domain/errors";
import { readableBrief } from "./library";

/** A safety net: a signal missed (a dropped LISTEN connection, a CLI write) is caught up within this. */
const POLL_MS = 2_000;
/** How many events are read from the log at once. */
const PAGE = 500;

/** What the stream sends: a change (`data` the annotation, or `{ id }` when it left the viewer's sight), or `ready`. */
export type StreamMessage =
  | { id: number; event: AnnotationEventKind; data: Annotation | { id: string } }
  | { id?: number; event: "ready"; data: { resumed: boolean } };

/** Where a stream's messages go (the HTTP response). `end` closes it (the server is stopping). */
export interface StreamSink {
  send(message: StreamMessage): void;
  end(): void;
}

export interface AnnotationStream {
  close(): void;
}

interface Subscriber {
  brief: string;
  viewer: Viewer;
  /** The last event id this stream has dealt with. */
  cursor: number;
  /** The notes this stream's viewer has been shown (and not told are gone since). */
  seen: Set<string>;
  sink: StreamSink;
  /** Deliveries run one after another, in log order. */
  chain: Promise<void>;
  closed: boolean;
}

class Hub {
  private readonly byBrief = new Map<string, Set<Subscriber>>();
  private lastId = 0;
  private started: Promise<void> | null = null;
  private pumping = false;
  private again = false;

  /** Reads the newest event id and starts listening, once. */
  start(): Promise<void> {
    this.started ??= (async () => {
      this.lastId = await latestEventId(db());
      onAnnotationEvents(() => this.wake());
      setInterval(() => this.byBrief.size > 0 && this.wake(), POLL_MS).unref();
    })().catch((error: unknown) => {
      this.started = null;
      throw error;
    });
    return this.started;
  }

  /** The newest event this hub has handed out; every later one reaches the streams open now. */
  get position(): number {
    return this.lastId;
  }

  add(subscriber: Subscriber): void {
    let set = this.byBrief.get(subscriber.brief);
    if (!set) this.byBrief.set(subscriber.brief, (set = new Set()));
    set.add(subscriber);
  }

  remove(subscriber: Subscriber): void {
    const set = this.byBrief.get(subscriber.brief);
    set?.delete(subscriber);
    if (set?.size === 0) this.byBrief.delete(subscriber.brief);
  }

  /** Ends every stream (the server is stopping: readers reconnect elsewhere and resume). */
  endAll(): void {
    for (const set of this.byBrief.values()) for (const subscriber of set) close(subscriber);
  }

  wake(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.pump().finally(() => {
      this.pumping = false;
    });
  }

  private async pump(): Promise<void> {
    try {
      do {
        this.again = false;
        for (;;) {
          const events = await listEventsAfter(db(), { after: this.lastId, take: PAGE });
          if (events.length === 0) break;
          const wanted = events.filter((event) => this.byBrief.has(event.brief));
          const messages = new Messages(await loadAnnotationRows(db(), [...new Set(wanted.map((event) => event.annotationId))]));
          for (const [brief, subscribers] of this.byBrief) {
            const ofBrief = wanted.filter((event) => event.brief === brief);
            if (ofBrief.length > 0) for (const subscriber of subscribers) enqueue(subscriber, () => deliver(subscriber, ofBrief, messages));
          }
          this.lastId = events[events.length - 1].id;
          if (events.length < PAGE) break;
        }
      } while (this.again);
    } catch (error) {
      // The next wake-up (at the latest the poll) reads from the same place again.
      console.error("annotation events: cannot read the event log", error);
    }
  }
}

function hub(): Hub {
  const holder = globalThis as unknown as Record<symbol, Hub | undefined>;
  const key = Symbol.for("brief-reader.annotation-hub");
  let current = holder[key];
  if (!current) {
    current = holder[key] = new Hub();
    // scripts/serve.mjs runs these once it stops accepting connections: open streams would hold
    // the stop up until its deadline.
    const stopping = ((globalThis as unknown as Record<symbol, Set<() => void>>)[Symbol.for("brief-reader.on-stopping")] ??= new Set());
    const made = current;
    stopping.add(() => made.endAll());
  }
  return current;
}

function enqueue(subscriber: Subscriber, work: () => Promise<void>): void {
  subscriber.chain = subscriber.chain.then(async () => {
    if (subscriber.closed) return;
    try {
      await work();
    } catch (error) {
      // A stream that cannot be brought up to date ends; its reader reconnects and resumes.
      console.error("annotation events: a stream failed", error);
      close(subscriber);
    }
  });
}

function close(subscriber: Subscriber): void {
  if (subscriber.closed) return;
  subscriber.closed = true;
  hub().remove(subscriber);
  subscriber.sink.end();
}

/**
 * The messages of one batch of events, made once and handed to every stream that may send them
 * (the HTTP layer then encodes each once: lib/http/event-stream.ts).
 */
class Messages {
  private readonly whole = new Map<number, StreamMessage>();
  private readonly gone = new Map<number, StreamMessage>();

  constructor(private readonly rows: Map<string, AnnotationRow>) {}

  row(id: string): AnnotationRow | undefined {
    return this.rows.get(id);
  }

  /** The event with the note as it is now. */
  shown(event: AnnotationEventRow, row: AnnotationRow): StreamMessage {
    let message = this.whole.get(event.id);
    if (!message) this.whole.set(event.id, (message = { id: event.id, event: event.kind, data: toAnnotation(row) }));
    return message;
  }

  /** The note's id only: it is gone from the viewer's sight. */
  removed(event: AnnotationEventRow): StreamMessage {
    let message = this.gone.get(event.id);
    if (!message) this.gone.set(event.id, (message = { id: event.id, event: "deleted", data: { id: event.annotationId } }));
    return message;
  }
}

/** Sends a stream the events of its brief after its cursor, as the viewer may see them. */
async function deliver(subscriber: Subscriber, events: AnnotationEventRow[], messages: Messages): Promise<void> {
  const fresh = events.filter((event) => event.id > subscriber.cursor && event.brief === subscriber.brief);
  if (fresh.length === 0) return;
  const present = [...new Set(fresh.map((event) => messages.row(event.annotationId)).filter((row): row is AnnotationRow => row !== undefined))];
  const visible = await visibleAmong(db(), subscriber.viewer, present, { includeOwnDeleted: true });
  const deletedUnseen = present.filter((row) => !visible.has(row.id) && !subscriber.seen.has(row.id) && fresh.some((event) => event.kind === "deleted" && event.annotationId === row.id));
  const sawBefore = deletedUnseen.length > 0 ? await visibleAmong(db(), subscriber.viewer, deletedUnseen, { beforeDeletion: true }) : new Set<string>();
  for (const event of fresh) {
    if (subscriber.closed) return;
    const row = messages.row(event.annotationId);
    if (row && visible.has(row.id)) {
      subscriber.sink.send(messages.shown(event, row));
      subscriber.seen.add(row.id);
    } else if (subscriber.seen.has(event.annotationId) || sawBefore.has(event.annotationId)) {
      subscriber.sink.send(messages.removed(event));
      subscriber.seen.delete(event.annotationId);
      sawBefore.delete(event.annotationId);
    }
    subscriber.cursor = event.id;
  }
}

/** Ids read at once by `visibleIds`. */
const IDS_PAGE = 2_000;

/**
 * The ids of the brief's notes the viewer may see, read a page at a time with a turn of the event
 * loop between pages: on SQLite a query holds the loop, and one read of 50,000 ids held up the
 * list that the same reader asks for at the same moment by seconds.
 */
async function visibleIds(viewer: Viewer, brief: string): Promise<Set<string>> {
  const seen = new Set<string>();
  let after: AnnotationCursor | undefined;
  for (;;) {
    const page = await pageVisibleIds(db(), { viewer, brief, take: IDS_PAGE, after });
    for (const id of page.ids) seen.add(id);
    if (!page.next) return seen;
    after = page.next;
    await new Promise((resume) => setImmediate(resume));
  }
}

/** Replays the brief's log after the stream's cursor from the database; at most `pages` reads of it. True when it got to the end. */
async function replay(subscriber: Subscriber, pages = Number.POSITIVE_INFINITY): Promise<boolean> {
  for (let read = 0; read < pages; read++) {
    const events = await listEventsAfter(db(), { after: subscriber.cursor, brief: subscriber.brief, take: PAGE });
    if (events.length === 0) return true;
    await deliver(subscriber, events, new Messages(await loadAnnotationRows(db(), [...new Set(events.map((event) => event.annotationId))])));
    subscriber.cursor = Math.max(subscriber.cursor, events[events.length - 1].id);
    if (events.length < PAGE) return true;
  }
  return false;
}

/** What changed in a brief's notes since a position of the log, as the stream would have sent it. */
export interface BriefChanges {
  /** Where the next call takes up (the last event dealt with). */
  position: number;
  changes: { id: number; event: AnnotationEventKind; data: Annotation | { id: string } }[];
  /** More changes wait after `position` (one answer carries at most CHANGES_PAGES × PAGE events). */
  more: boolean;
}

/** At most this many pages of the log go into one answer of `changesSince`. */
const CHANGES_PAGES = 4;

/**
 * The brief's changes after `since` that the viewer may see, by the stream's rules (a resumed
 * stream's replay, then closed): for a reader that cannot keep a stream open. A brief with
 * nothing new costs one indexed read of the log.
 */
export async function changesSince(viewer: Viewer, options: { brief: string; since: number }): Promise<BriefChanges> {
  await notFoundAs(() => readableBrief(options.brief, viewer), "not_found", "slug");
  const changes: BriefChanges["changes"] = [];
  const waiting = await listEventsAfter(db(), { after: options.since, brief: options.brief, take: 1 });
  if (waiting.length === 0) return { position: options.since, changes, more: false };
  const subscriber: Subscriber = {
    brief: options.brief,
    viewer,
    cursor: options.since,
    // As for a resumed stream: what the viewer may see now is what they may be told is gone.
    seen: await visibleIds(viewer, options.brief),
    sink: {
      send: (message) => {
        if (message.event !== "ready" && message.id !== undefined) changes.push({ id: message.id, event: message.event, data: message.data });
      },
      end: () => {},
    },
    chain: Promise.resolve(),
    closed: false,
  };
  const done = await replay(subscriber, CHANGES_PAGES);
  return { position: subscriber.cursor, changes, more: !done };
}

/**
 * Opens the live stream of a brief for the viewer (see the rules above); `after` is the last
 * event id the reader has (SSE `Last-Event-ID`), null for a fresh start. Not found when the
 * viewer may not read the brief, before anything is sent.
 */
export async function openAnnotationStream(viewer: Viewer, options: { brief: string; after: number | null }, sink: StreamSink): Promise<AnnotationStream> {
  await notFoundAs(() => readableBrief(options.brief, viewer), "not_found", "slug");
  const current = hub();
  await current.start();
  const resumed = options.after !== null;
  const subscriber: Subscriber = {
    brief: options.brief,
    viewer,
    // Fresh: from the newest event in the log (the list the reader loads after `ready` has it),
    // even one the hub has not handed out yet (a NOTIFY still on its way).
    cursor: resumed ? (options.after as number) : Math.max(current.position, await latestEventId(db())),
    seen: new Set(),
    sink,
    chain: Promise.resolve(),
    closed: false,
  };
  // Listening first, then reading what is there: an event is either in the replay or handed out
  // by the hub afterwards (or both, and then sent once: the cursor skips it the second time).
  current.add(subscriber);
  enqueue(subscriber, async () => {
    const ready = () => subscriber.sink.send({ ...(subscriber.cursor > 0 ? { id: subscriber.cursor } : {}), event: "ready", data: { resumed } });
    // A fresh stream is ready at once: its reader loads the list meanwhile (on a brief with
    // 50,000 notes, reading their ids first held the list up by seconds). No change is sent
    // before `seen` is known: deliveries queue behind this.
    if (!resumed) ready();
    subscriber.seen = await visibleIds(viewer, options.brief);
    if (resumed) {
      await replay(subscriber);
      ready();
    }
  });
  return { close: () => close(subscriber) };
}
