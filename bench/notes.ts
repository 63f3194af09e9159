/**
 * Notes API benchmark: throughput and latency of `POST /api/annotations` (and of the list) on the
 * built app, with 32 concurrent clients over loopback, against two baselines measured in the same
 * run with the same load: a bare Next route handler doing the same session lookup and insert, and
 * a bare Node `http` server doing the same insert with better-sqlite3.
 *
 * - The app: the existing build in `.next/` (never built here), served by `scripts/serve.mjs` (what
 *   `npm start` runs) on a free port against a fresh SQLite file in a temporary folder, migrated and seeded with
 *   `scripts/prepare-db.mjs`, as `tests/setup/app-server.ts` does. Rate limits are raised so they
 *   do not shape the figures. 32 accounts are signed up, one per client.
 * - The baseline: `bench/baseline-server.ts` run as a child process: `node:http`, parse
 *   the JSON, check it minimally, INSERT into a table with the Annotation table's columns (with
 *   the app's SQLite settings), answer 201 with the row as JSON. No sessions, no origin check, no
 *   quote check against the text.
 * - The bare Next handler: `bench/bare-next/app/api/annotations/route.js` (served by
 *   `serveBareNext`), given the app's database file and auth secret, so the same cookies sign in
 *   and its rows land in the same table.
 * - The app via Next's router: a second instance on the same database with DIRECT_ROUTES=off, so
 *   that its POST goes through Next's router as every route did before scripts/direct-routes.mjs
 *   (text targets only).
 * - The load: bench/load-client.ts, a process of its own with 32 keep-alive connections to each
 *   server, open for the whole run, each sending its client's requests one after another for the
 *   batch's seconds (LOAD below for the others). The seven POST cases (app / bare Next / bare
 *   node:http × text/entity target, and the app via Next's router) take turns in 5 rounds, so
 *   that the machine's other load falls on all of them alike; the list is timed last.
 *
 * Run: npm run bench:notes   (writes bench/results/notes.json; about 3 minutes)
 *      BENCH_NOTES_LOAD=wrk|node npm run bench:notes   (the same with another load generator; notes-wrk.json, notes-node.json)
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { freePort, startNext, waitUntilUp } from "../tests/support/app-process";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BASELINE_JOURNAL, startBaseline } from "./baseline-server";
import { type RunningApp, serveBareNext } from "./built-app";
import { SQLITE_PRAGMAS } from "../lib/database/sqlite-adapter";
import { prng } from "./prng";
import { type BriefJson, textTargets } from "./text-targets";
import { wrkAvailable } from "./wrk";

const root = join(import.meta.dirname, "..");
const SLUG = "japan-quasi-alliance";
const CLIENTS = 32;
const WARMUP_REQUESTS = 500;
/** With BENCH_NOTES_LOAD=node only (the others run for a time): requests per case; BENCH_NOTES_REQUESTS changes it. */
const WRITE_REQUESTS = Number(process.env.BENCH_NOTES_REQUESTS) || 5_000;
const LIST_WARMUP = 64;
const LIST_REQUESTS = 640;
/** Each case's requests are sent in this many batches, the cases taking turns. */
const ROUNDS = 5;
/** No batch runs longer than this; a batch cut short is reported as such (and the run invalid). */
const BATCH_LIMIT_MS = 180_000;
/** The whole script gives up (and stops its servers) after this. */
const SCRIPT_LIMIT_MS = 15 * 60_000;
/** Above this share of non-2xx answers (or failed requests) a run is not valid. */
const MAX_ERROR_RATE = 0.005;
/**
 * What sends the requests:
 * - `client` (the default): bench/load-client.ts, a process of its own whose keep-alive
 *   connections stay open from the first batch to the last, 32 per server, sending prepared bytes;
 * - `wrk` (BENCH_NOTES_LOAD=wrk; Debian package): the same requests from wrk -t2 -c32, whose
 *   connections are opened anew on each batch (so each batch starts with 32 at once);
 * - `node` (BENCH_NOTES_LOAD=node): this script's own node:http loop, which the figures until
 *   2026-12-05 used; it takes about a core of its own at these rates, shares its process and
 *   garbage collector with the timing, and opens its connections anew on each batch.
 */
const LOAD: "client" | "wrk" | "node" = process.env.BENCH_NOTES_LOAD === "node" ? "node" : process.env.BENCH_NOTES_LOAD === "wrk" && wrkAvailable() ? "wrk" : "client";
/** With the load client or wrk, each case's batch lasts this many seconds (its warm-up a third of it). */
const BATCH_SECONDS = Number(process.env.BENCH_NOTES_SECONDS) || 3;

// ---------------------------------------------------------------------------------------------
// Load: CLIENTS workers, each with its own keep-alive connection, headers and request bodies.

interface Client {
  headers: Record<string, string>;
  /** The request bodies this client sends in turn (JSON text), or none for GETs. */
  bodies: string[];
  next: number;
}

/** What one batch of requests measured, before summarizing. */
interface Batch {
  latencies: number[];
  statuses: Record<string, number>;
  bytes: number;
  durationMs: number;
  timedOut: boolean;
}

interface CaseResult {
  name: string;
  requests: number;
  ok: number;
  errors: number;
  errorRate: number;
  statuses: Record<string, number>;
  timedOut: boolean;
  /** Time spent in this case's batches, summed (the other cases' batches ran in between). */
  durationMs: number;
  requestsPerSecond: number;
  /** Requests per second of each round's batch, in order. */
  roundsRequestsPerSecond: number[];
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  responseBytesMean: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (value: number, digits = 2) => +value.toFixed(digits);

function send(agent: Agent, port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; bytes: number }> {
  return new Promise((done) => {
    const request = httpRequest({ agent, host: "127.0.0.1", port, method, path, headers: body ? { ...headers, "content-length": String(Buffer.byteLength(body)) } : headers, timeout: 30_000 }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => done({ status: response.statusCode ?? 0, bytes }));
      response.on("error", () => done({ status: 0, bytes }));
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => done({ status: 0, bytes: 0 })); // status 0: the request failed (counted as an error)
    if (body) request.write(body);
    request.end();
  });
}

/** `total` requests from all clients at once, each client one request after another; stops at the phase limit. */
async function runBatch(port: number, clients: Client[], method: string, path: string, total: number): Promise<Batch> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients.length });
  const batch: Batch = { latencies: [], statuses: {}, bytes: 0, durationMs: 0, timedOut: false };
  let issued = 0;
  const started = performance.now();
  const deadline = started + BATCH_LIMIT_MS;
  await Promise.all(
    clients.map(async (client) => {
      while (issued < total) {
        if (performance.now() > deadline) {
          batch.timedOut = true;
          return;
        }
        issued++;
        const body = client.bodies.length ? client.bodies[client.next++ % client.bodies.length] : undefined;
        const sent = performance.now();
        const answer = await send(agent, port, method, path, client.headers, body);
        batch.latencies.push(performance.now() - sent);
        batch.statuses[answer.status] = (batch.statuses[answer.status] ?? 0) + 1;
        batch.bytes += answer.bytes;
      }
    }),
  );
  batch.durationMs = performance.now() - started;
  agent.destroy();
  return batch;
}

/**
 * The clients' requests as complete HTTP/1.1 requests, interleaved (client 1's first, client 2's
 * first, …), NUL-separated: what bench/load-client.ts and bench/wrk-requests.lua send in turn.
 */
function rawRequests(port: number, clients: Client[], method: string, path: string): Buffer {
  const parts: Buffer[] = [];
  const longest = Math.max(1, ...clients.map((client) => client.bodies.length));
  for (let n = 0; n < longest; n++) {
    for (const client of clients) {
      const body = client.bodies.length ? client.bodies[n % client.bodies.length] : "";
      const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...Object.entries(client.headers).map(([name, value]) => `${name}: ${value}`)];
      if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
      parts.push(Buffer.from(`${lines.join("\r\n")}\r\n\r\n${body}`), Buffer.from([0]));
    }
  }
  return Buffer.concat(parts);
}

/**
 * One wrk run of `seconds` with 2 threads and one connection per client, sending `requests` (a
 * file from rawRequests) in turn. wrk reports 1,000 evenly spaced quantiles of the latency; the
 * batch holds each of them for its share of the requests, so batches merge into one distribution.
 * wrk tells answers over 399 from the others, not 2xx from 3xx: the others are counted as "2xx".
 */
async function runWrkBatch(port: number, path: string, requests: string, seconds: number, output: string): Promise<Batch> {
  const args = ["-t2", `-c${CLIENTS}`, `-d${seconds}s`, "--timeout", "30s", "-s", join(import.meta.dirname, "wrk-requests.lua"), `http://127.0.0.1:${port}${path}`];
  const child = spawn("wrk", args, { env: { ...process.env, WRK_REQUESTS: requests, WRK_OUTPUT: output }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once("exit", done));
  if (code !== 0) throw new Error(`wrk failed (${code}): ${stderr}`);
  const fields = new Map<string, number>();
  const quantiles: number[] = [];
  for (const line of readFileSync(output, "utf8").split("\n")) {
    const [key, value] = line.split(" ");
    if (key === "q") quantiles.push(Number(value) / 1000);
    else if (key) fields.set(key, Number(value));
  }
  const total = fields.get("requests") ?? 0;
  const failed = fields.get("errors") ?? 0;
  const refused = fields.get("status") ?? 0;
  const latencies = Array.from({ length: total }, (_, i) => quantiles[Math.floor((i * quantiles.length) / total)]);
  if (total > 0) latencies[total - 1] = (fields.get("max") ?? 0) / 1000;
  return {
    latencies,
    statuses: { "2xx": total - refused, ...(refused ? { "400+": refused } : {}), ...(failed ? { "0": failed } : {}) },
    bytes: fields.get("bytes") ?? 0,
    durationMs: (fields.get("durationUs") ?? 0) / 1000,
    timedOut: false,
  };
}

/** bench/load-client.ts, started once: its connections to each server stay open between batches. */
function startLoadClient() {
  const child = spawn(process.execPath, [...process.execArgv, join(import.meta.dirname, "load-client.ts")], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = new Map<string, (message: Record<string, unknown>) => void>();
  child.on("message", (message: Record<string, unknown>) => {
    const key = `${message.type} ${message.target}`;
    waiting.get(key)?.(message);
    waiting.delete(key);
  });
  const exited = new Promise<never>((_, fail) => child.once("exit", (code) => fail(new Error(`the load client exited (${code})`))));
  exited.catch(() => undefined);
  type Message = { type: string; target: string } & Record<string, unknown>;
  const request = (message: Message, answer: string) => {
    const answered = Promise.race([new Promise<Record<string, unknown>>((done) => waiting.set(`${answer} ${message.target}`, done)), exited]);
    child.send(message);
    return answered;
  };
  return {
    open: async (target: string, port: number, requests: string) => void (await request({ type: "open", target, port, requests, connections: CLIENTS }, "opened")),
    run: async (target: string, seconds: number): Promise<Batch> => {
      const ran = await request({ type: "run", target, seconds }, "ran");
      return { latencies: ran.latencies as number[], statuses: ran.statuses as Record<string, number>, bytes: ran.bytes as number, durationMs: ran.durationMs as number, timedOut: false };
    },
    close: () => {
      if (child.connected) child.send({ type: "close" });
    },
  };
}

function summarize(name: string, batches: Batch[]): CaseResult {
  const latencies = batches.flatMap((batch) => batch.latencies).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const batch of batches) for (const [status, count] of Object.entries(batch.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  // Every request has a status (0: it failed); wrk times only those that were answered.
  const requests = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  const ok = Object.entries(statuses).reduce((sum, [status, count]) => sum + (status === "2xx" || (+status >= 200 && +status < 300) ? count : 0), 0);
  const durationMs = batches.reduce((sum, batch) => sum + batch.durationMs, 0);
  return {
    name,
    requests,
    ok,
    errors: requests - ok,
    errorRate: round((requests - ok) / Math.max(1, requests), 4),
    statuses,
    timedOut: batches.some((batch) => batch.timedOut),
    durationMs: round(durationMs, 0),
    requestsPerSecond: round((requests / durationMs) * 1000, 0),
    roundsRequestsPerSecond: batches.map((batch) => round((batch.latencies.length / batch.durationMs) * 1000, 0)),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies[latencies.length - 1] ?? NaN),
      mean: round(latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, requests)),
    },
    responseBytesMean: Math.round(batches.reduce((sum, batch) => sum + batch.bytes, 0) / Math.max(1, requests)),
  };
}

// ---------------------------------------------------------------------------------------------
// Starting and stopping the servers.

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await new Promise<void>((done) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      done();
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Accounts and request bodies.

async function signUp(baseURL: string, index: number): Promise<string> {
  const headers = { "content-type": "application/json", origin: baseURL, "x-forwarded-for": `2001:db8:${index.toString(16)}::1` };
  const account = { email: `bench-${index}@brief-reader.test`, password: "correct horse battery staple" };
  const signedUp = await fetch(`${baseURL}/api/auth/sign-up/email`, { method: "POST", headers, body: JSON.stringify({ name: `bench ${index}`, ...account }) });
  if (signedUp.status !== 200) throw new Error(`sign-up ${index} failed: ${signedUp.status} ${await signedUp.text()}`);
  // Sign-up never signs in (its answer must not tell whether the address had an account).
  const response = await fetch(`${baseURL}/api/auth/sign-in/email`, { method: "POST", headers, body: JSON.stringify(account) });
  if (response.status !== 200) throw new Error(`sign-in ${index} failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0].trim())
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) throw new Error("No build in .next/ (this benchmark never builds; build first with npm run build).");
  const buildBefore = readFileSync(buildId, "utf8").trim();

  const dir = mkdtempSync(join(tmpdir(), "brief-reader-bench-"));
  let app: ChildProcess | undefined;
  let appViaNext: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  let bareNext: RunningApp | undefined;
  const loadClient = LOAD === "client" ? startLoadClient() : undefined;
  const loads: number[] = [];
  const watchdog = setTimeout(() => {
    console.error(`bench:notes: over ${SCRIPT_LIMIT_MS / 60_000} minutes, giving up`);
    loadClient?.close();
    void Promise.all([stop(app), stop(appViaNext), stop(baseline), bareNext?.stop()]).then(() => process.exit(2));
  }, SCRIPT_LIMIT_MS);
  watchdog.unref();
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      DATABASE_URL: `file:${join(dir, "bench.db")}`,
      // Kept in the temporary folder: nothing is written to data/.
      AUTH_SECRET_FILE: join(dir, "auth-secret"),
      ANNOTATION_WRITES_PER_MINUTE: "10000000",
      AUTH_SIGN_UPS_PER_MINUTE: "100000",
      AUTH_SIGN_INS_PER_MINUTE: "100000",
    };
    const prepared = spawnSync(process.execPath, ["scripts/prepare-db.mjs"], { cwd: root, env, encoding: "utf8" });
    if (prepared.status !== 0) throw new Error(`Preparing the database failed:\n${prepared.stdout}\n${prepared.stderr}`);

    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const log = join(dir, "server.log");
    // BENCH_NOTES_APP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") runs the app under node with those flags.
    const nodeArgs = process.env.BENCH_NOTES_APP_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    // The app as `npm start` serves it (scripts/serve.mjs); a second instance on the same database
    // with DIRECT_ROUTES=off sends the notes' POST through Next's router, to show what that costs.
    const startApp = async (appPort: number, extraEnv: Record<string, string>, logFile: string) => {
      const { child, url } = startNext({ root, port: appPort, env: { ...env, ...extraEnv }, log: logFile, nodeArgs });
      await waitUntilUp(url, child, logFile);
      return child;
    };
    app = await startApp(port, {}, log);
    const viaNextPort = await freePort();
    appViaNext = await startApp(viaNextPort, { DIRECT_ROUTES: "off" }, join(dir, "server-via-next.log"));
    console.log(`app: scripts/serve.mjs on ${baseURL} (build ${buildBefore}), database ${env.DATABASE_URL}`);

    // One account per client, signed up one after another (scrypt is deliberately slow).
    const cookies: string[] = [];
    for (let i = 0; i < CLIENTS; i++) cookies.push(await signUp(baseURL, i));

    const brief = (await (await fetch(`${baseURL}/api/briefs/${SLUG}`)).json()) as BriefJson;
    const random = prng(20261123);
    const bodiesPerClient = 64;
    const text = textTargets(brief, CLIENTS * bodiesPerClient, random);
    const clientsFor = (target: (client: number, n: number) => object, headers: (client: number) => Record<string, string>, origin = baseURL): Client[] =>
      Array.from({ length: CLIENTS }, (_, c) => ({
        headers: { "content-type": "application/json", origin, ...headers(c) },
        bodies: Array.from({ length: bodiesPerClient }, (_, n) => JSON.stringify({ brief: SLUG, target: target(c, n), body: `벤치마크 메모 ${c}-${n}: **Markdown** body`, visibility: "private" })),
        next: 0,
      }));
    const appHeaders = (c: number) => ({ cookie: cookies[c], "x-forwarded-for": `2001:db8:${c.toString(16)}::1` });
    const textTarget = (c: number, n: number) => text[c * bodiesPerClient + n];
    const entityTarget = () => ({ entityId: "jp" });

    // Sanity: one request of each kind answers 201 before any timing.
    for (const [kind, target] of [["text", textTarget(0, 0)], ["entity", entityTarget()]] as const) {
      const check = await fetch(`${baseURL}/api/annotations`, { method: "POST", headers: { "content-type": "application/json", origin: baseURL, ...appHeaders(0) }, body: JSON.stringify({ brief: SLUG, target, body: "check" }) });
      if (check.status !== 201) throw new Error(`a ${kind} annotation was refused: ${check.status} ${await check.text()}`);
    }

    // The baseline server runs beside the app (idle while the app is measured, and the reverse).
    const started = await startBaseline(join(dir, "baseline.db"));
    baseline = started.child;
    const baselinePort = started.port;
    const baselineHeaders = (c: number) => ({ "x-bench-user": `user-${c}` });
    // The bare Next route handler (bench/bare-next/app/api/annotations/route.js): the same session
    // cookies looked up in the same database, the same insert into it.
    bareNext = await serveBareNext({ env: { ...env, BARE_NEXT_DB: join(dir, "bench.db"), BARE_NEXT_AUTH_SECRET_FILE: env.AUTH_SECRET_FILE, BARE_NEXT_REVISION: brief.revision } });
    const barePort = Number(new URL(bareNext.baseURL).port);
    const bareCheck = await fetch(`${bareNext.baseURL}/api/annotations`, { method: "POST", headers: { "content-type": "application/json", ...appHeaders(0) }, body: JSON.stringify({ brief: SLUG, target: textTarget(0, 1), body: "check" }) });
    if (bareCheck.status !== 201) throw new Error(`the bare Next handler refused a note: ${bareCheck.status} ${await bareCheck.text()}`);

    const cases = [
      { name: "app POST, text target", port, clients: clientsFor(textTarget, appHeaders) },
      { name: "app via Next's router POST, text target", port: viaNextPort, clients: clientsFor(textTarget, appHeaders, `http://127.0.0.1:${viaNextPort}`) },
      { name: "bare Next POST, text target", port: barePort, clients: clientsFor(textTarget, appHeaders) },
      { name: "baseline POST, text target", port: baselinePort, clients: clientsFor(textTarget, baselineHeaders) },
      { name: "app POST, entity target", port, clients: clientsFor(entityTarget, appHeaders) },
      { name: "bare Next POST, entity target", port: barePort, clients: clientsFor(entityTarget, appHeaders) },
      { name: "baseline POST, entity target", port: baselinePort, clients: clientsFor(entityTarget, baselineHeaders) },
    ];
    // Each case's requests are written once as raw HTTP, for the load client or bench/wrk-requests.lua.
    const requestFiles = new Map<string, string>();
    cases.forEach(({ name, port: p, clients }, i) => {
      const file = join(dir, `requests-${i}.bin`);
      writeFileSync(file, rawRequests(p, clients, "POST", "/api/annotations"));
      requestFiles.set(name, file);
    });
    if (loadClient) for (const { name, port: p } of cases) await loadClient.open(name, p, requestFiles.get(name) as string);
    const writeBatch = (name: string, p: number, clients: Client[], requests: number, seconds: number) =>
      loadClient
        ? loadClient.run(name, seconds)
        : LOAD === "wrk"
          ? runWrkBatch(p, "/api/annotations", requestFiles.get(name) as string, seconds, join(dir, "wrk-output.txt"))
          : runBatch(p, clients, "POST", "/api/annotations", requests);
    const warmupErrors: Record<string, number> = {};
    for (const { name, port: p, clients } of cases) {
      const warm = await writeBatch(name, p, clients, WARMUP_REQUESTS, Math.max(1, Math.round(BATCH_SECONDS / 3)));
      const summary = summarize(name, [warm]);
      warmupErrors[name] = summary.errors;
    }
    // Interleaved rounds, so that the machine's other load (it is shared) falls on app and baseline alike.
    const batches = new Map<string, Batch[]>(cases.map(({ name }) => [name, []]));
    const perRound = Math.ceil(WRITE_REQUESTS / ROUNDS);
    for (let r = 0; r < ROUNDS; r++) {
      for (const { name, port: p, clients } of cases) {
        const batch = await writeBatch(name, p, clients, Math.min(perRound, WRITE_REQUESTS - r * perRound), BATCH_SECONDS);
        batches.get(name)?.push(batch);
      }
      loads.push(loadavg()[0]);
      console.log(`round ${r + 1}/${ROUNDS}: ${cases.map(({ name }) => `${name} ${summarize(name, [batches.get(name)?.at(-1) as Batch]).requestsPerSecond}/s`).join(", ")}`);
    }
    const results = cases.map(({ name }) => summarize(name, batches.get(name) ?? []));
    const [appText, appViaNextText, bareText, baseText, appEntity, bareEntity, baseEntity] = results;

    // The list, last: each client reads the first page of its own (private) annotations of the
    // brief, as the reader does (the whole unpaged list, and lists of up to 50,000, are bench:lists's).
    const listClients = clientsFor(entityTarget, appHeaders).map((client) => ({ ...client, bodies: [] }));
    const listPath = `/api/annotations?brief=${SLUG}&limit=100`;
    const listFile = join(dir, "requests-list.bin");
    writeFileSync(listFile, rawRequests(port, listClients, "GET", listPath));
    if (loadClient) await loadClient.open("list", port, listFile);
    const listBatch = (requests: number, seconds: number) =>
      loadClient
        ? loadClient.run("list", seconds)
        : LOAD === "wrk"
          ? runWrkBatch(port, listPath, listFile, seconds, join(dir, "wrk-output.txt"))
          : runBatch(port, listClients, "GET", listPath, requests);
    await listBatch(LIST_WARMUP, 1);
    const appList = summarize("app GET list", [await listBatch(LIST_REQUESTS, 3 * BATCH_SECONDS)]);
    results.push(appList);
    // Every note client 1 may see (a page of 1,000 at a time), and the size of the page timed.
    let listSize = 0;
    for (let page = `${baseURL}/api/annotations?brief=${SLUG}&limit=1000`; ; ) {
      const response = await fetch(page, { headers: appHeaders(1) });
      listSize += ((await response.json()) as unknown[]).length;
      const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
      if (!next) break;
      page = `${baseURL}${next}`;
    }
    await Promise.all([stop(app), stop(appViaNext), stop(baseline), bareNext.stop()]);
    const buildAfter = readFileSync(buildId, "utf8").trim();

    const ratio = (app: CaseResult, base: CaseResult) => {
      const perRoundRatios = app.roundsRequestsPerSecond.map((value, i) => value / base.roundsRequestsPerSecond[i]).sort((a, b) => a - b);
      return {
        requestsPerSecond: round(app.requestsPerSecond / base.requestsPerSecond),
        requestsPerSecondPerRound: { min: round(perRoundRatios[0]), max: round(perRoundRatios[perRoundRatios.length - 1]) },
        p50: round(app.latencyMs.p50 / base.latencyMs.p50, 1),
        p99: round(app.latencyMs.p99 / base.latencyMs.p99, 1),
      };
    };
    const invalid = results.filter((result) => result.errorRate > MAX_ERROR_RATE || result.timedOut || result.requests === 0).map((result) => result.name);
    if (buildAfter !== buildBefore) invalid.push(`the build changed during the run (${buildBefore} → ${buildAfter})`);
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
      build: buildBefore,
      setup: {
        clients: CLIENTS,
        rounds: ROUNDS,
        ...(LOAD === "node" ? { listWarmupRequests: LIST_WARMUP, listRequests: LIST_REQUESTS } : { listSeconds: 3 * BATCH_SECONDS }),
        batchLimitMs: BATCH_LIMIT_MS,
        maxErrorRate: MAX_ERROR_RATE,
        loadGenerator: {
          client: `bench/load-client.ts: a process of its own, ${CLIENTS} keep-alive connections per server open for the whole run, each sending its client's prepared requests one after another`,
          wrk: `wrk -t2 -c${CLIENTS} -d${BATCH_SECONDS}s with bench/wrk-requests.lua (each request one client's cookie and body, the clients' requests in turn; new connections each batch)`,
          node: "node:http, keep-alive Agent, one connection per client, in the benchmark process (new connections each batch)",
        }[LOAD],
        ...(LOAD === "node" ? { writeRequestsPerCase: WRITE_REQUESTS, warmupRequestsPerCase: WARMUP_REQUESTS } : { secondsPerBatch: BATCH_SECONDS }),
        baselineSqlite: BASELINE_JOURNAL === "wal" ? SQLITE_PRAGMAS : ["SQLite defaults: journal_mode = DELETE, synchronous = FULL"],
      },
      valid: invalid.length === 0,
      invalidBecause: invalid,
      warmupErrors,
      cases: results,
      // app ÷ baseline: below 1 for requests/s (the app serves fewer), above 1 for latency.
      loadAverage1m: { min: round(Math.min(...loads)), max: round(Math.max(...loads)) },
      goals: { "app ÷ bare Next": 0.5, "app ÷ bare node:http": 0.25, "app p99 ms": 50 },
      // app ÷ the bare node:http + better-sqlite3 server (the issue's second baseline).
      ratios: { textTarget: ratio(appText, baseText), entityTarget: ratio(appEntity, baseEntity) },
      // app ÷ the bare Next route handler (the issue's first baseline).
      ratiosToBareNext: { textTarget: ratio(appText, bareText), entityTarget: ratio(appEntity, bareEntity) },
      // The same app with its POST through Next's router (DIRECT_ROUTES=off) ÷ the two baselines, and the app ÷ it.
      viaNextsRouter: { "÷ bare Next": ratio(appViaNextText, bareText), "÷ bare node:http": ratio(appViaNextText, baseText), "app ÷ it": ratio(appText, appViaNextText) },
      list: { annotationsPerUser: listSize, pageSize: 100, ...appList.latencyMs, requestsPerSecond: appList.requestsPerSecond, responseBytesMean: appList.responseBytesMean },
    };
    mkdirSync(join(root, "bench/results"), { recursive: true });
    // The other load generators' runs are kept beside the recorded one, to compare.
    writeFileSync(join(root, `bench/results/${LOAD === "client" ? "notes" : `notes-${LOAD}`}.json`), `${JSON.stringify(report, null, 2)}\n`);
    console.table(results.map(({ name, requests, errors, requestsPerSecond, latencyMs }) => ({ name, requests, errors, "req/s": requestsPerSecond, "p50 ms": latencyMs.p50, "p99 ms": latencyMs.p99 })));
    console.log("app ÷ bare node:http", report.ratios);
    console.log("app ÷ bare Next", report.ratiosToBareNext);
    if (!report.valid) {
      console.error(`bench:notes: this run is not valid: ${invalid.join("; ")}`);
      process.exitCode = 1;
    }
  } finally {
    loadClient?.close();
    await Promise.all([stop(app), stop(appViaNext), stop(baseline), bareNext?.stop()]);
    clearTimeout(watchdog);
    if (!process.env.KEEP_BENCH_DATA) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
