/**
 * Live notes under load: STREAMS open event streams of one brief on one app process (the built
 * app behind scripts/serve.mjs, SQLite by default or BENCH_DATABASE_URL), and one writer saving
 * RATE notes a second for SECONDS seconds (a fifth of them private). Measured: the delivery
 * latency of each shared note to each stream (from the moment its POST was sent to the moment
 * the stream's event arrived), p50/p99/max; deliveries missing; private notes delivered to
 * anyone (must be 0); the server's resident memory before the streams, with them open, and at
 * its peak while writing.
 *
 * The streams are read by this process, which shares the machine's two cores with the server:
 * it parses only what it needs (the note's sequence number in its body), and its own CPU time is
 * recorded beside the figures, since it adds to what the latency includes.
 *
 *   npm run bench:sse                                  # 500 streams, 50 notes/s, 20 s
 *   STREAMS=100 RATE=20 SECONDS=10 npm run bench:sse  # smaller
 */
import { spawn, spawnSync } from "node:child_process";
import { get as httpGet } from "node:http";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitUntilUp } from "../tests/support/app-process";
import { TestClient, testAddress } from "../tests/support/http-client";

const root = join(import.meta.dirname, "..");
const STREAMS = Number(process.env.STREAMS ?? 500);
const READERS = Math.min(STREAMS, Number(process.env.READERS ?? 50));
const RATE = Number(process.env.RATE ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 20);
const slug = "japan-quasi-alliance";

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024);
}

interface Reader {
  /** seq → arrival time (performance.now()). */
  arrivals: Map<number, number>;
  privateSeen: number;
  ready: Promise<void>;
  close(): void;
}

/**
 * One stream, read cheaply over node:http (fetch's web streams cost several times more per
 * chunk, and this process reads 25,000 events a second): each event's note sequence number
 * (`seq-<n>` in its body) and when its chunk came.
 */
function openReader(client: TestClient): Promise<Reader> {
  return new Promise((resolve, reject) => {
    const arrivals = new Map<number, number>();
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((done) => (markReady = done));
    const url = new URL(`${client.baseURL}/api/briefs/${slug}/events`);
    const request = httpGet(
      { host: url.hostname, port: url.port, path: url.pathname, agent: false, headers: { cookie: client.cookieHeader(), "x-forwarded-for": client.address, accept: "text/event-stream" } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`stream refused: ${response.statusCode}`));
          response.resume();
          return;
        }
        const reader: Reader = { arrivals, privateSeen: 0, ready, close: () => request.destroy() };
        let carry = "";
        response.on("data", (chunk: Buffer) => {
          const at = performance.now();
          // Latin-1 keeps ASCII as is and never splits a character: enough to find the markers.
          const text = carry + chunk.toString("latin1");
          const last = text.lastIndexOf("\n\n");
          carry = last < 0 ? text : text.slice(last + 2);
          const complete = last < 0 ? "" : text.slice(0, last);
          if (complete.includes("event: ready")) markReady();
          for (const match of complete.matchAll(/(shared|private)-seq-(\d+)/g)) {
            if (match[1] === "private") reader.privateSeen++;
            else if (!arrivals.has(Number(match[2]))) arrivals.set(Number(match[2]), at);
          }
        });
        response.on("error", () => undefined);
        resolve(reader);
      },
    );
    request.on("error", (error) => reject(error));
  });
}

async function main() {
  const folder = mkdtempSync(join(tmpdir(), "brief-reader-bench-sse-"));
  const databaseUrl = process.env.BENCH_DATABASE_URL?.trim() || `file:${join(folder, "bench.db")}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET_FILE: join(folder, "auth-secret"),
    TRUST_PROXY: "loopback",
    ANNOTATION_WRITES_PER_MINUTE: "1000000",
  };
  const prepared = spawnSync(process.execPath, ["scripts/prepare-db.mjs"], { cwd: root, env, encoding: "utf8" });
  if (prepared.status !== 0) throw new Error(`Preparing the database failed:\n${prepared.stdout}\n${prepared.stderr}`);
  const port = await freePort();
  const log = join(folder, "server.log");
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (not this process).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(root, "scripts", "serve.mjs"), "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  const out = createWriteStream(log);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const url = `http://127.0.0.1:${port}`;
  const readers: Reader[] = [];
  try {
    await waitUntilUp(url, child, log);
    const pid = child.pid as number;
    const loadAtStart = loadavg().map((value) => round(value, 2));
    const view = (await (await fetch(`${url}/api/briefs/${slug}`)).json()) as { sections: { blocks: { id: string; text: string }[] }[] };
    const block = view.sections.flatMap((section) => section.blocks)[1];
    let offset = 0;
    for (const earlier of view.sections.flatMap((section) => section.blocks)) {
      if (earlier.id === block.id) break;
      offset += Array.from(earlier.text).length + 1;
    }
    const exact = Array.from(block.text).slice(0, 6).join("");
    const target = { blockId: block.id, quote: { exact }, position: { start: offset, end: offset + 6 } };

    console.log(`signing up ${READERS} readers and a writer…`);
    const writer = await new TestClient(url, testAddress()).signUp("Writer", `writer-${Date.now()}@bench.test`);
    const accounts: TestClient[] = [];
    for (let index = 0; index < READERS; index++) accounts.push(await new TestClient(url, testAddress()).signUp(`Reader ${index}`, `reader-${index}-${Date.now()}@bench.test`));
    const rssBefore = rssMb(pid);

    console.log(`opening ${STREAMS} streams…`);
    for (let index = 0; index < STREAMS; index += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, STREAMS - index) }, (_, at) => openReader(accounts[(index + at) % READERS])));
      readers.push(...batch);
    }
    await Promise.all(readers.map((reader) => reader.ready));
    await new Promise((wait) => setTimeout(wait, 1_000));
    const rssOpen = rssMb(pid);

    console.log(`writing ${RATE} notes/s for ${SECONDS} s…`);
    const total = RATE * SECONDS;
    const sent = new Map<number, number>();
    const shared = new Set<number>();
    let peak = rssOpen;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
    const clientCpuStart = process.cpuUsage();
    const started = performance.now();
    const writes: Promise<void>[] = [];
    let failed = 0;
    for (let seq = 0; seq < total; seq++) {
      const due = started + (seq * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((done) => setTimeout(done, wait));
      const isShared = seq % 5 !== 4;
      if (isShared) shared.add(seq);
      sent.set(seq, performance.now());
      writes.push(
        writer
          .post("/api/annotations", { brief: slug, target, body: `${isShared ? "shared" : "private"}-seq-${seq}`, visibility: isShared ? "shared" : "private" })
          .then(
            (response) => {
              if (response.status !== 201) failed++;
            },
            () => {
              failed++;
            },
          ),
      );
    }
    await Promise.all(writes);
    const writing = performance.now() - started;
    // Let the last events arrive.
    await new Promise((wait) => setTimeout(wait, 3_000));
    clearInterval(sampler);
    const clientCpu = process.cpuUsage(clientCpuStart);

    const latencies: number[] = [];
    let missing = 0;
    let privateDelivered = 0;
    for (const reader of readers) {
      privateDelivered += reader.privateSeen;
      for (const seq of shared) {
        const at = reader.arrivals.get(seq);
        if (at === undefined) missing++;
        else latencies.push(at - (sent.get(seq) as number));
      }
    }
    latencies.sort((a, b) => a - b);
    const result = {
      command: `STREAMS=${STREAMS} READERS=${READERS} RATE=${RATE} SECONDS=${SECONDS} npm run bench:sse`,
      date: new Date().toISOString(),
      database: databaseUrl.startsWith("file:") ? "sqlite" : "postgresql",
      machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg().map((value) => round(value, 2)) },
      streams: STREAMS,
      readerAccounts: READERS,
      notes: { written: total, shared: shared.size, private: total - shared.size, failedWrites: failed, achievedRatePerSecond: round((total * 1000) / writing) },
      deliveries: { expected: shared.size * readers.length, received: latencies.length, missing, privateDeliveredToOthers: privateDelivered },
      latencyMs: { p50: round(percentile(latencies, 50)), p90: round(percentile(latencies, 90)), p99: round(percentile(latencies, 99)), max: round(latencies[latencies.length - 1] ?? Number.NaN) },
      serverRssMb: { signedInNoStreams: rssBefore, streamsOpen: rssOpen, peakWhileWriting: peak, perStreamKb: round(((rssOpen - rssBefore) * 1024) / STREAMS) },
      benchClientCpuSeconds: round((clientCpu.user + clientCpu.system) / 1e6),
    };
    console.table({ p50: result.latencyMs.p50, p90: result.latencyMs.p90, p99: result.latencyMs.p99, max: result.latencyMs.max });
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(join(root, "bench", "results"), { recursive: true });
    writeFileSync(join(root, "bench", "results", "sse.json"), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const reader of readers) reader.close();
    child.kill("SIGTERM");
    await new Promise((done) => setTimeout(done, 4_000));
    if (child.exitCode === null) child.kill("SIGKILL");
    if (!process.env.KEEP_BENCH_DATA) rmSync(folder, { recursive: true, force: true });
  }
}

await main();
