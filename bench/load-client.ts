/**
 * The notes benchmark's load generator, in a process of its own: keep-alive connections that
 * stay open for the whole benchmark (as a browser keeps its connection to the reader), each
 * sending prepared requests one after another and timing each from its write to the last byte of
 * its answer.
 *
 * Why not the benchmark's own loop or wrk: the loop ran in the benchmark process on `node:http`'s
 * client (an Agent, a parser and an IncomingMessage per answer), which took about a core of the
 * two at these rates, and its garbage collector's pauses landed in the latencies it timed; wrk is
 * cheap, but opens its connections anew on every run, so every batch began with 32 connections at
 * once, which Node accepts one per turn of its event loop (up to 0.9 s for the last under load),
 * and those first answers were 1–3% of a batch: its p99 was the start of each batch, not the load.
 * Here the requests are bytes written once (bench/notes.ts's `rawRequests`), an answer is read by
 * counting bytes (`Content-Length` or chunked), and nothing else runs in the process.
 *
 * Protocol (IPC messages from the benchmark):
 * - `{ type: "open", target, port, requests, connections }`: opens `connections` connections to
 *   127.0.0.1:`port` for the target named `target`; `requests` is a file of complete HTTP/1.1
 *   requests separated by NUL bytes, sent in turn (connection i starts at request i). Answers
 *   `{ type: "opened", target }`.
 * - `{ type: "run", target, seconds }`: every connection of the target sends one request after
 *   another until `seconds` have passed; answers
 *   `{ type: "ran", target, latencies, statuses, bytes, durationMs }`.
 * - `{ type: "close" }`: closes everything and exits.
 * A connection the server closes (`Connection: close`, or a reset) is opened again before its next
 * request; a request it had in flight counts as status 0.
 */
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

interface Connection {
  socket: Socket | null;
  port: number;
  /** Index of the next request this connection sends. */
  next: number;
  /** Bytes of the answer being read. */
  buffer: Buffer;
  /** Called with the answer's status (0: failed) once it is whole. */
  waiting: ((status: number, bytes: number) => void) | null;
}

interface Target {
  requests: Buffer[];
  connections: Connection[];
}

const targets = new Map<string, Target>();

/**
 * The length of the whole answer at the start of `buffer`, or 0 while it is incomplete; its
 * status. Reads `Content-Length`, or a chunked body to its last chunk (no trailers).
 */
export function answerLength(buffer: Buffer): { length: number; status: number; close: boolean } {
  const head = buffer.indexOf("\r\n\r\n");
  if (head < 0) return { length: 0, status: 0, close: false };
  const header = buffer.subarray(0, head).toString("latin1");
  const status = Number(header.slice(9, 12));
  const close = /\r\nconnection:\s*close/i.test(header);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(header);
  if (length) {
    const total = head + 4 + Number(length[1]);
    return { length: buffer.length >= total ? total : 0, status, close };
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(header)) {
    let at = head + 4;
    for (;;) {
      const line = buffer.indexOf("\r\n", at);
      if (line < 0) return { length: 0, status, close };
      const sizeLine = buffer.subarray(at, line).toString("latin1");
      if (!/^[0-9a-f]+(;|$)/i.test(sizeLine)) throw new Error(`load-client: not a chunk size: ${JSON.stringify(sizeLine)}`);
      const size = Number.parseInt(sizeLine, 16);
      const end = line + 2 + size + 2;
      if (buffer.length < end) return { length: 0, status, close };
      if (buffer[end - 2] !== 0x0d || buffer[end - 1] !== 0x0a) throw new Error(`load-client: a chunk of ${size} bytes does not end with CRLF`);
      if (size === 0) return { length: end, status, close };
      at = end;
    }
  }
  // No length and not chunked: a 204/304 or an answer that ends with the connection.
  return { length: status === 204 || status === 304 ? head + 4 : 0, status, close };
}

function open(connection: Connection): Promise<void> {
  return new Promise<void>((done, fail) => {
    const socket = connect(connection.port, "127.0.0.1");
    socket.setNoDelay(true);
    connection.socket = socket;
    connection.buffer = Buffer.alloc(0);
    socket.once("connect", () => done());
    // A request in flight when the connection fails or closes is answered with status 0.
    const lost = () => {
      if (connection.socket === socket) connection.socket = null;
      answered(connection, 0, 0);
    };
    socket.once("error", (error) => {
      lost();
      fail(error);
    });
    socket.once("close", lost);
    socket.on("data", (chunk: Buffer) => {
      connection.buffer = connection.buffer.length ? Buffer.concat([connection.buffer, chunk]) : chunk;
      const { length, status, close } = answerLength(connection.buffer);
      if (!length) return;
      connection.buffer = connection.buffer.subarray(length);
      if (close) {
        connection.socket = null;
        socket.destroy();
      }
      answered(connection, status, length);
    });
  }).catch(() => undefined);
}

/** Hands the connection's request in flight, if any, its outcome. */
function answered(connection: Connection, status: number, bytes: number): void {
  const waiting = connection.waiting;
  connection.waiting = null;
  waiting?.(status, bytes);
}

/** Sends the connection's next request; resolves with its status and size once answered. */
async function send(target: Target, connection: Connection): Promise<{ status: number; bytes: number }> {
  if (!connection.socket) await open(connection);
  const socket = connection.socket;
  if (!socket) return { status: 0, bytes: 0 };
  const request = target.requests[connection.next++ % target.requests.length];
  return new Promise((done) => {
    connection.waiting = (status, bytes) => done({ status, bytes });
    socket.write(request);
  });
}

async function run(target: Target, seconds: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let bytes = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    target.connections.map(async (connection) => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        const answer = await send(target, connection);
        latencies.push(performance.now() - sent);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        bytes += answer.bytes;
      }
    }),
  );
  return { latencies, statuses, bytes, durationMs: performance.now() - started };
}

type Message =
  | { type: "open"; target: string; port: number; requests: string; connections: number }
  | { type: "run"; target: string; seconds: number }
  | { type: "close" };

function reply(message: object): void {
  process.send?.(message);
}

async function onMessage(message: Message): Promise<void> {
  if (message.type === "open") {
    const requests = readFileSync(message.requests)
      .toString("latin1")
      .split("\0")
      .filter(Boolean)
      .map((raw) => Buffer.from(raw, "latin1"));
    const connections = Array.from({ length: message.connections }, (_, i): Connection => ({ socket: null, port: message.port, next: i, buffer: Buffer.alloc(0), waiting: null }));
    await Promise.all(connections.map(open));
    targets.set(message.target, { requests, connections });
    reply({ type: "opened", target: message.target });
  } else if (message.type === "run") {
    const target = targets.get(message.target);
    if (!target) throw new Error(`load-client: no target ${message.target}`);
    reply({ type: "ran", target: message.target, ...(await run(target, message.seconds)) });
  } else {
    for (const target of targets.values()) for (const connection of target.connections) connection.socket?.destroy();
    process.exit(0);
  }
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.on("message", (message: Message) => {
    onMessage(message).catch((error) => {
      console.error(error);
      process.exit(1);
    });
  });
  process.on("disconnect", () => process.exit(0));
}
