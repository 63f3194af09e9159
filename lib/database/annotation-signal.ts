/**
 * The in-process signal "annotation events were appended" (lib/db/annotation-events.ts), which
 * wakes the live streams (lib/services/annotation-stream.ts). It carries no data: whoever wakes
 * reads the event log from where it stopped, so a signal lost or doubled costs nothing.
 *
 * Sources: this process's writers call `signalAnnotationEvents` after they commit. On
 * PostgreSQL, every process also holds one dedicated `pg` connection that `LISTEN`s on
 * `annotation_events` (every transaction that appends events sends `NOTIFY`, delivered at
 * commit: lib/db/annotation-events.ts), so a note written through another app process wakes this one's streams too; no
 * other service is needed. If that connection drops, it is opened again after a second and the
 * streams are woken once to catch up on whatever they missed meanwhile. SQLite serves one
 * process, and its writers' direct signal is all there is.
 *
 * Kept on `globalThis`, so every route bundle of the server (and a dev-server reload) shares it.
 */
import { EventEmitter } from "node:events";
import pg from "pg";
import { databaseUrl, providerOf } from "./database-url";

const CHANNEL = "annotation_events";
const RECONNECT_MS = 1_000;

interface SignalState {
  emitter: EventEmitter;
  listener: pg.Client | null;
  listening: boolean;
  stopped: boolean;
}

function state(): SignalState {
  const holder = globalThis as unknown as Record<symbol, SignalState | undefined>;
  const key = Symbol.for("brief-reader.annotation-signal");
  let current = holder[key];
  if (!current) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    current = holder[key] = { emitter, listener: null, listening: false, stopped: false };
  }
  return current;
}

/** Wakes this process's live streams: call after a commit that appended events. */
export function signalAnnotationEvents(): void {
  state().emitter.emit("events");
}

/**
 * Calls `listener` whenever events may have been appended, by this process or (on PostgreSQL)
 * by any process on the same database. Returns the function that stops it.
 */
export function onAnnotationEvents(listener: () => void): () => void {
  const current = state();
  current.emitter.on("events", listener);
  if (!current.listening && providerOf(databaseUrl()) === "postgresql") {
    current.listening = true;
    void listen(current);
  }
  return () => current.emitter.off("events", listener);
}

async function listen(current: SignalState): Promise<void> {
  if (current.stopped) return;
  const client = new pg.Client({ connectionString: databaseUrl(), application_name: "brief-reader listen" });
  const retry = () => {
    if (current.listener !== client) return;
    current.listener = null;
    client.removeAllListeners();
    client.on("error", () => undefined);
    void client.end().catch(() => undefined);
    setTimeout(() => void listen(current), RECONNECT_MS).unref();
  };
  current.listener = client;
  client.on("notification", (message) => {
    if (message.channel === CHANNEL) current.emitter.emit("events");
  });
  client.on("error", retry);
  client.on("end", retry);
  try {
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    // Whatever was appended while no connection listened is read now.
    current.emitter.emit("events");
  } catch (error) {
    console.error(`annotation events: cannot LISTEN on PostgreSQL (${error instanceof Error ? error.message : String(error)}); retrying`);
    retry();
  }
}

// scripts/serve.mjs runs these when it stops.
const stopTasks = ((globalThis as unknown as Record<symbol, Set<() => Promise<void>>>)[Symbol.for("brief-reader.on-stop")] ??= new Set());
stopTasks.add(async () => {
  const current = state();
  current.stopped = true;
  const client = current.listener;
  current.listener = null;
  if (client) {
    client.removeAllListeners();
    client.on("error", () => undefined);
    await client.end().catch(() => undefined);
  }
});
