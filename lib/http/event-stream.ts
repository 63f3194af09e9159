/**
 * Server-Sent Events as a route handler's Response: a `text/event-stream` body fed by `send`,
 * with a comment line every HEARTBEAT_MS (so proxies and the browser see the connection alive,
 * and a dead one is noticed by the write that fails) and `retry` set so that a browser
 * reconnects within a second after the server goes away.
 *
 * Not buffered on the way: `Cache-Control: no-transform` keeps Next's gzip (the `compression`
 * middleware honours it) from holding events back, and `X-Accel-Buffering: no` tells an nginx in
 * front the same. A reader that does not read is not buffered for without end either: past
 * MAX_QUEUED_BYTES the stream is ended, and the reader resumes from its Last-Event-ID.
 */
import { AppError } from "@/lib/domain/errors";

const HEARTBEAT_MS = 15_000;
const RETRY_MS = 1_000;
const MAX_QUEUED_BYTES = 1 << 20;

export interface ServerSentEvent {
  id?: number;
  event: string;
  data: unknown;
}

/** One event in the wire format: `id`, `event`, then the JSON data on one `data:` line. */
export function formatEvent(message: ServerSentEvent): string {
  // JSON.stringify escapes line breaks inside strings, so the data is one line; U+2028/9 are
  // not line ends for SSE.
  return `${message.id !== undefined ? `id: ${message.id}\n` : ""}event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}

/**
 * The last event id a reconnecting client has: the `Last-Event-ID` header (sent by the browser's
 * EventSource on its own reconnects) or `?lastEventId=` (for a client that opens a new
 * EventSource itself); null when neither is given. An id that is not a non-negative integer is
 * refused (400), not silently read as "from the start".
 */
export function parseLastEventId(request: Request): number | null {
  const given = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  if (given === null || given.trim() === "") return null;
  if (!/^\d{1,15}$/.test(given.trim())) throw new AppError("invalid_input", "must be the id of an event of this stream (a whole number)", "last-event-id");
  return Number(given.trim());
}

/**
 * The encoded bytes of each message object, made once however many streams send it: the live
 * stream hands the same message to every reader who may see it, so hundreds of open readers
 * cost one JSON.stringify and one encode per change, not hundreds.
 */
const encoded = new WeakMap<ServerSentEvent, Uint8Array>();

function bytesOf(message: ServerSentEvent, encoder: TextEncoder): Uint8Array {
  let bytes = encoded.get(message);
  if (!bytes) encoded.set(message, (bytes = encoder.encode(formatEvent(message))));
  return bytes;
}

/** A stream under construction: send to it now; `response` is the HTTP answer that carries it. */
export interface EventChannel {
  send(message: ServerSentEvent): void;
  end(): void;
  /** The response; `onClose` runs once, when the client goes away or the stream is ended. */
  response(signal: AbortSignal, onClose: () => void): Response;
}

/** A channel whose events are kept until the response's body starts, then streamed as they come. */
export function eventChannel(): EventChannel {
  const encoder = new TextEncoder();
  const pending: Uint8Array[] = [];
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let ended = false;
  let cleanup: () => void = () => undefined;

  let flushing = false;
  // What is written in one turn of the event loop goes out as one chunk: under load the live
  // stream hands a stream several events at once, and each chunk costs a trip through the web
  // stream and a socket write.
  const flush = () => {
    flushing = false;
    if (ended || !controller || pending.length === 0) return;
    const chunk = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending.length = 0;
    try {
      controller.enqueue(chunk);
      if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) end();
    } catch {
      end();
    }
  };
  const write = (data: string | Uint8Array) => {
    if (ended) return;
    pending.push(typeof data === "string" ? encoder.encode(data) : data);
    if (controller && !flushing) {
      flushing = true;
      setImmediate(flush);
    }
  };
  const end = () => {
    if (ended) return;
    ended = true;
    try {
      controller?.close();
    } catch {
      // already closed or cancelled by the client
    }
    cleanup();
  };

  return {
    send: (message) => write(bytesOf(message, encoder)),
    end,
    response(signal, onClose) {
      let heartbeat: ReturnType<typeof setInterval> | undefined;
      let closed = false;
      const onAbort = () => end();
      cleanup = () => {
        if (closed) return;
        closed = true;
        if (heartbeat) clearInterval(heartbeat);
        signal.removeEventListener("abort", onAbort);
        onClose();
      };
      const body = new ReadableStream<Uint8Array>(
        {
          start(streamController) {
            controller = streamController;
            streamController.enqueue(encoder.encode(`retry: ${RETRY_MS}\n\n`));
            for (const bytes of pending.splice(0)) streamController.enqueue(bytes);
            if (ended) {
              // ended before the body started: close it now.
              try {
                streamController.close();
              } catch {
                // nothing to close
              }
              cleanup();
              return;
            }
            heartbeat = setInterval(() => write(": heartbeat\n\n"), HEARTBEAT_MS);
            if (signal.aborted) end();
            else signal.addEventListener("abort", onAbort);
          },
          cancel() {
            ended = true;
            cleanup();
          },
        },
        new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
      );
      return new Response(body, {
        headers: {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "private, no-cache, no-transform",
          "x-accel-buffering": "no",
        },
      });
    },
  };
}
