/**
 * A Server-Sent Events reader for tests and benchmarks: opens a stream with a client's cookies
 * (and a Last-Event-ID), parses events as they arrive, and waits for the ones a test expects.
 */
import type { TestClient } from "./http-client";

export interface ReceivedEvent {
  id: string | null;
  event: string;
  data: unknown;
  /** performance.now() when its last line arrived. */
  at: number;
}

export interface OpenStream {
  status: number;
  contentType: string | null;
  events: ReceivedEvent[];
  /** Resolves with the first event (at or after index `from`) that `match` accepts; rejects after `timeoutMs`. */
  next(match: (event: ReceivedEvent) => boolean, options?: { timeoutMs?: number; from?: number }): Promise<ReceivedEvent>;
  /** The body of a refused stream (JSON), when status is not 200. */
  body: unknown;
  close(): void;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
}

/** Opens `GET <path>` as an event stream for the client (cookies and address). */
export async function openEventStream(client: TestClient | { baseURL: string; headers: Record<string, string> }, path: string, options: { lastEventId?: string | number } = {}): Promise<OpenStream> {
  const controller = new AbortController();
  const headers: Record<string, string> =
    "cookieHeader" in client ? { "x-forwarded-for": client.address, ...(client.cookies.size > 0 ? { cookie: client.cookieHeader() } : {}) } : { ...client.headers };
  headers.accept = "text/event-stream";
  if (options.lastEventId !== undefined) headers["last-event-id"] = String(options.lastEventId);
  const response = await fetch(`${client.baseURL}${path}`, { headers, signal: controller.signal });
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  let endedResolve: () => void = () => undefined;
  const ended = new Promise<void>((done) => (endedResolve = done));
  const contentType = response.headers.get("content-type");
  if (response.status !== 200 || !contentType?.startsWith("text/event-stream")) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    endedResolve();
    return { status: response.status, contentType, events, body, next: () => Promise.reject(new Error("not a stream")), close: () => undefined, ended };
  }
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let id: string | null = null;
          let event = "message";
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "id") id = value;
            else if (field === "event") event = value;
            else if (field === "data") data.push(value);
          }
          if (data.length === 0) continue;
          const text = data.join("\n");
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // kept as text
          }
          events.push({ id, event, data: parsed, at: performance.now() });
          for (const wake of [...waiters]) wake();
        }
      }
    } catch {
      // aborted by close()
    } finally {
      endedResolve();
      for (const wake of [...waiters]) wake();
    }
  })();
  return {
    status: response.status,
    contentType,
    events,
    body: null,
    ended,
    close: () => controller.abort(),
    next(match, { timeoutMs = 5_000, from = 0 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(from).find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((event) => [event.id, event.event]))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
  };
}
