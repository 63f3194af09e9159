/**
 * Writers that create notes against the built app while it is killed and restarted, and the
 * reconciliation of what they were told with what the database holds. Shared by the load-and-
 * faults benchmark (bench/load-faults.ts, 64 writers × 1,000 notes) and its small integration
 * test (tests/integration/load-faults.test.ts).
 *
 * Every note carries a client key (in a tag, in its body and as its Idempotency-Key), so that it
 * can be found in the database whatever the server answered. Each request ends in one outcome:
 * - acked: 201 with an id — it must be stored, once, with the content sent;
 * - rejected: another HTTP answer — it must not be stored;
 * - refused: the connection was refused, nothing was sent — it must not be stored;
 * - unknown: sent, but no answer (the server died, the connection broke, a timeout) — stored
 *   once or not at all; retried with the same Idempotency-Key afterwards, which tells which.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createWriteStream, readFileSync, type WriteStream } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { StoredNote } from "./database-check";

const root = resolve(import.meta.dirname, "..", "..");

// ---------------------------------------------------------------------------------------------
// The app as a child process that can be killed and started again on the same port and data.

export class AppServer {
  child: ChildProcess | null = null;
  private readonly out: WriteStream;

  constructor(
    readonly port: number,
    readonly env: NodeJS.ProcessEnv,
    readonly log: string,
    /** Flags for node itself (e.g. --cpu-prof); the app then runs as `node <flags> scripts/serve.mjs`. */
    readonly nodeArgs: string[] = [],
  ) {
    this.out = createWriteStream(log, { flags: "a" });
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the app (scripts/serve.mjs, as `npm start` does) and waits until it answers; returns how long that took (ms). */
  async start(): Promise<number> {
    const started = performance.now();
    const args = [join(root, "scripts", "serve.mjs"), "-p", String(this.port), "-H", "127.0.0.1"];
    const child = spawn(process.execPath, [...this.nodeArgs, ...args], {
      cwd: root,
      env: { ...this.env, PORT: String(this.port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.pipe(this.out, { end: false });
    child.stderr?.pipe(this.out, { end: false });
    this.child = child;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The app exited (${child.exitCode ?? child.signalCode}); see ${this.log}`);
      if (await isUp(this.baseURL)) return performance.now() - started;
      await sleep(100);
    }
    throw new Error(`The app did not answer within 90 s:\n${readFileSync(this.log, "utf8").slice(-2000)}`);
  }

  /** SIGKILL: no shutdown, no flush, no answers to requests in flight. */
  async kill(): Promise<void> {
    await this.signal("SIGKILL", 0);
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  async stop(): Promise<void> {
    await this.signal("SIGTERM", 10_000);
    this.out.end();
  }

  private async signal(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    child.kill(signal);
    if (graceMs > 0) {
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    } else {
      await exited;
    }
  }
}

async function isUp(baseURL: string): Promise<boolean> {
  try {
    return (await fetch(`${baseURL}/api/briefs`, { signal: AbortSignal.timeout(5_000) })).ok;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Migrates and seeds the database in `env.DATABASE_URL` as `npm start` does. */
export function prepareDatabase(env: NodeJS.ProcessEnv): void {
  const prepared = spawnSync(process.execPath, ["scripts/prepare-db.mjs"], { cwd: root, env, encoding: "utf8" });
  if (prepared.status !== 0) throw new Error(`Preparing the database failed:\n${prepared.stdout}\n${prepared.stderr}`);
}

/** The environment the app runs with here: production, its own secret, write limits out of the way. */
export function appEnvironment(databaseUrl: string, dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    // The secret is kept in the folder, so sessions survive the restart as they would in production.
    AUTH_SECRET_FILE: join(dir, "auth-secret"),
    // 64 writers × 1,000 notes in a few minutes is far above the 120 writes per user per minute
    // a person gets by default.
    ANNOTATION_WRITES_PER_MINUTE: "10000000",
    AUTH_SIGN_UPS_PER_MINUTE: "100000",
    AUTH_SIGN_INS_PER_MINUTE: "100000",
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// Accounts and notes.

export interface Writer {
  index: number;
  userId: string;
  cookie: string;
  /** A client address of its own (X-Forwarded-For), so per-address limits do not mix writers. */
  address: string;
}

/** Signs a writer up through the API; its session cookie survives restarts (sessions are stored). */
export async function signUpWriter(baseURL: string, run: string, index: number): Promise<Writer> {
  const address = `2001:db8:${(index + 1).toString(16)}::1`;
  const headers = { "content-type": "application/json", origin: baseURL, "x-forwarded-for": address };
  const account = { email: `writer-${run}-${index}@brief-reader.test`, password: "correct horse battery staple" };
  const signedUp = await fetch(`${baseURL}/api/auth/sign-up/email`, { method: "POST", headers, body: JSON.stringify({ name: `필자 ${index}`, ...account }) });
  if (signedUp.status !== 200) throw new Error(`sign-up of writer ${index} failed: ${signedUp.status} ${await signedUp.text()}`);
  // Sign-up never signs in (its answer must not tell whether the address had an account).
  const response = await fetch(`${baseURL}/api/auth/sign-in/email`, { method: "POST", headers, body: JSON.stringify(account) });
  if (response.status !== 200) throw new Error(`sign-in of writer ${index} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0].trim())
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
  const { user } = (await response.json()) as { user: { id: string } };
  return { index, userId: user.id, cookie, address };
}

export interface TextTarget {
  blockId: string;
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number };
}

interface BriefJson {
  sections: { blocks: { id: string; text: string }[] }[];
}

/**
 * Every sentence of the brief as a text target, the way the reader's UI sends one: positions in
 * code points into the blocks' texts joined by "\n", 32 code points of context each side.
 */
export function sentenceTargets(brief: BriefJson): TextTarget[] {
  const all: string[] = [];
  const blocks: { id: string; text: string; start: number }[] = [];
  for (const block of brief.sections.flatMap((section) => section.blocks)) {
    if (all.length > 0) all.push("\n");
    blocks.push({ id: block.id, text: block.text, start: all.length });
    all.push(...Array.from(block.text));
  }
  const targets: TextTarget[] = [];
  for (const block of blocks) {
    // A sentence: up to and including its end mark (".", "?", "!") before a space or the end.
    for (const match of block.text.matchAll(/[^\s][^]*?(?:[.?!](?=\s|$)|$)/gu)) {
      const sentence = match[0].trim();
      const length = Array.from(sentence).length;
      if (length < 5) continue;
      const start = block.start + Array.from(block.text.slice(0, match.index)).length;
      const end = start + length;
      targets.push({
        blockId: block.id,
        quote: { exact: all.slice(start, end).join(""), prefix: all.slice(Math.max(0, start - 32), start).join(""), suffix: all.slice(end, end + 32).join("") },
        position: { start, end },
      });
    }
  }
  return targets;
}

export interface NotePlan {
  writer: number;
  index: number;
  /** Unique per note and run: in a tag, in the body, and the Idempotency-Key. */
  key: string;
  request: { brief: string; target: TextTarget; body: string; tags: string[]; visibility: "private" | "shared" };
  /** The JSON sent, made once. */
  json: string;
}

const THOUGHTS = [
  "준동맹이라는 표현이 실제 협력의 깊이를 잘 보여주는지 다시 생각해 볼 필요가 있음.",
  "원활화협정이 훈련과 연습을 넘어 위기 대응까지 이어질 수 있는지가 관건임.",
  "한국의 입장에서 참고할 만한 대목이며, 후속 연구에서 비교해 볼 것.",
  "이 문장의 근거 자료를 원문에서 확인해야 함.",
];

/** The notes one writer makes, with Korean bodies and a client key each. */
export function planNotes(run: string, brief: string, targets: TextTarget[], writer: number, count: number): NotePlan[] {
  return Array.from({ length: count }, (_, index) => {
    const key = `lf-${run}-w${writer}-n${index}`;
    const target = targets[(writer * 7919 + index * 104729) % targets.length];
    const request = {
      brief,
      target,
      body: `부하 시험 메모 ${key}: ${THOUGHTS[(writer + index) % THOUGHTS.length]}\n\n- 필자 ${writer}번, ${index + 1}번째 메모`,
      tags: [key, "부하시험"],
      visibility: (index % 4 === 0 ? "shared" : "private") as "private" | "shared",
    };
    return { writer, index, key, request, json: JSON.stringify(request) };
  });
}

// ---------------------------------------------------------------------------------------------
// Sending.

export type Outcome =
  | { kind: "acked"; id: string; latencyMs: number; sentAt: number; replayed: boolean; body: Record<string, unknown> }
  | { kind: "rejected"; status: number; code?: string; latencyMs: number; sentAt: number }
  | { kind: "refused"; error: string; sentAt: number }
  | { kind: "unknown"; error: string; sentAt: number };

/** One POST of a note; never throws. Times are performance.now() of this process. */
export function postNote(agent: Agent, port: number, writer: Writer, note: NotePlan, options: { idempotency: boolean; timeoutMs: number; baseline?: boolean }): Promise<Outcome> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(note.json)),
    origin: `http://127.0.0.1:${port}`,
    "x-forwarded-for": writer.address,
    ...(options.baseline ? { "x-bench-user": writer.userId } : { cookie: writer.cookie }),
    ...(options.idempotency ? { "idempotency-key": note.key } : {}),
  };
  const sentAt = performance.now();
  return new Promise((done) => {
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (!settled) {
        settled = true;
        done(outcome);
      }
    };
    const request = httpRequest({ agent, host: "127.0.0.1", port, method: "POST", path: "/api/annotations", headers, timeout: options.timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (error) => finish({ kind: "unknown", error: `response: ${error.message}`, sentAt }));
      response.on("aborted", () => finish({ kind: "unknown", error: "response aborted", sentAt }));
      response.on("end", () => {
        const latencyMs = performance.now() - sentAt;
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
        } catch {
          // Not JSON: judged by the status alone.
        }
        if (response.statusCode === 201 && typeof body.id === "string") {
          finish({ kind: "acked", id: body.id, latencyMs, sentAt, replayed: response.headers["idempotent-replayed"] === "true", body });
        } else {
          finish({ kind: "rejected", status: response.statusCode ?? 0, code: (body.error as { code?: string } | undefined)?.code, latencyMs, sentAt });
        }
      });
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    // Refused: the connection was never made, so the request was never sent. Anything else may
    // have reached the server (a reused keep-alive connection, a reset after sending).
    request.on("error", (error: NodeJS.ErrnoException) => finish(error.code === "ECONNREFUSED" ? { kind: "refused", error: error.code, sentAt } : { kind: "unknown", error: error.code ?? error.message, sentAt }));
    request.end(note.json);
  });
}

export interface WriterRun {
  /** Outcomes by note key, in the order notes were sent. */
  outcomes: Map<string, Outcome>;
  /** performance.now() when the first request went out and when the last writer finished. */
  startedAt: number;
  finishedAt: number;
}

/**
 * Every writer sends its notes one after another. After a failed request (refused or unknown) a
 * writer waits until `serverUp()` resolves and goes on with its NEXT note: nothing is retried here.
 * `onOutcome` sees every outcome as it comes (to decide when to kill the server).
 */
export async function runWriters(options: {
  port: number;
  writers: Writer[];
  notes: NotePlan[][];
  idempotency: boolean;
  timeoutMs?: number;
  baseline?: boolean;
  serverUp: () => Promise<void>;
  onOutcome?: (note: NotePlan, outcome: Outcome) => void;
}): Promise<WriterRun> {
  const outcomes = new Map<string, Outcome>();
  const startedAt = performance.now();
  await Promise.all(
    options.writers.map(async (writer, w) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (const note of options.notes[w]) {
          const outcome = await postNote(agent, options.port, writer, note, { idempotency: options.idempotency, timeoutMs: options.timeoutMs ?? 60_000, baseline: options.baseline });
          outcomes.set(note.key, outcome);
          options.onOutcome?.(note, outcome);
          if (outcome.kind === "refused" || outcome.kind === "unknown") await options.serverUp();
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  return { outcomes, startedAt, finishedAt: performance.now() };
}

/**
 * Sends every note whose outcome was unknown again, with the same Idempotency-Key, until the
 * server gives a definite answer (or `attempts` run out). A replayed answer means the first
 * request had been stored; a fresh 201 means it had not, and this one stored it.
 */
export async function retryUnknown(options: { port: number; writers: Writer[]; notes: NotePlan[][]; outcomes: Map<string, Outcome>; attempts?: number }): Promise<Map<string, Outcome>> {
  const retried = new Map<string, Outcome>();
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const pending = options.notes.flat().filter((note) => options.outcomes.get(note.key)?.kind === "unknown");
  try {
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let note = pending.shift(); note; note = pending.shift()) {
          let outcome: Outcome | undefined;
          for (let attempt = 0; attempt < (options.attempts ?? 5); attempt++) {
            outcome = await postNote(agent, options.port, options.writers[note.writer], note, { idempotency: true, timeoutMs: 60_000 });
            if (outcome.kind === "acked" || outcome.kind === "rejected") break;
            await sleep(500);
          }
          if (outcome) retried.set(note.key, outcome);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return retried;
}

// ---------------------------------------------------------------------------------------------
// Reconciliation: what the writers were told against what is stored.

export interface Reconciliation {
  sent: number;
  acked: number;
  rejected: number;
  refused: number;
  unknown: number;
  /** Notes of this run found in the database (distinct client keys). */
  present: number;
  /** Client keys stored more than once. */
  duplicates: number;
  /** Acknowledged notes not in the database. */
  lost: number;
  /** Acknowledged notes stored with another id or other content than acknowledged. */
  altered: number;
  /** Notes answered with a refusal or never sent, yet stored. */
  refusedButStored: number;
  /** Unknown outcomes found stored (once) or absent, before any retry. */
  unknownStored: number;
  unknownAbsent: number;
  /** Retries of unknown outcomes: answered as replays (it had been stored) or as new (it had not). */
  retriedReplayed: number;
  retriedCreated: number;
  retriedFailed: number;
  /** Rows with this run's tag whose key matches no note sent. */
  strays: number;
  /** A few examples of each problem, to start an investigation. */
  examples: Record<string, string[]>;
}

function sameContent(note: NotePlan, row: StoredNote, writer: Writer): boolean {
  const { request } = note;
  return (
    row.briefSlug === request.brief &&
    row.authorId === writer.userId &&
    row.visibility === request.visibility &&
    row.body === request.body &&
    JSON.stringify(row.tags) === JSON.stringify(request.tags) &&
    row.blockId === request.target.blockId &&
    row.quoteExact === request.target.quote.exact &&
    row.quotePrefix === request.target.quote.prefix &&
    row.quoteSuffix === request.target.quote.suffix &&
    row.positionStart === request.target.position.start &&
    row.positionEnd === request.target.position.end
  );
}

/**
 * Compares outcomes with stored rows. `beforeRetry` holds the outcomes of the writers' own
 * requests; `retried` the answers to the retries of unknown ones (a retried note counts as
 * acknowledged with the id the retry got).
 */
export function reconcile(options: { run: string; notes: NotePlan[][]; writers: Writer[]; outcomes: Map<string, Outcome>; retried?: Map<string, Outcome>; rows: StoredNote[] }): Reconciliation {
  const tag = `lf-${options.run}-`;
  const stored = new Map<string, StoredNote[]>();
  for (const row of options.rows) {
    const key = row.tags.find((item) => item.startsWith(tag));
    if (!key) continue;
    const list = stored.get(key) ?? [];
    list.push(row);
    stored.set(key, list);
  }
  const result: Reconciliation = {
    sent: 0,
    acked: 0,
    rejected: 0,
    refused: 0,
    unknown: 0,
    present: 0,
    duplicates: 0,
    lost: 0,
    altered: 0,
    refusedButStored: 0,
    unknownStored: 0,
    unknownAbsent: 0,
    retriedReplayed: 0,
    retriedCreated: 0,
    retriedFailed: 0,
    strays: 0,
    examples: {},
  };
  const example = (kind: string, text: string) => {
    const list = (result.examples[kind] ??= []);
    if (list.length < 5) list.push(text);
  };
  const keys = new Set<string>();
  for (const note of options.notes.flat()) {
    keys.add(note.key);
    const outcome = options.outcomes.get(note.key);
    if (!outcome) continue;
    result.sent++;
    result[outcome.kind]++;
    const rows = stored.get(note.key) ?? [];
    if (rows.length > 0) result.present++;
    if (rows.length > 1) {
      result.duplicates++;
      example("duplicates", `${note.key}: ${rows.map((row) => row.id).join(", ")}`);
    }
    const retry = options.retried?.get(note.key);
    if (outcome.kind === "unknown") {
      if (retry?.kind === "acked") result[retry.replayed ? "retriedReplayed" : "retriedCreated"]++;
      else if (retry) result.retriedFailed++;
    }
    // What the database must hold: the acknowledged id, from the request itself or its retry.
    const ackedId = outcome.kind === "acked" ? outcome.id : retry?.kind === "acked" ? retry.id : null;
    if (ackedId !== null) {
      const row = rows.find((item) => item.id === ackedId);
      if (rows.length === 0) {
        result.lost++;
        example("lost", `${note.key} (${ackedId})`);
      } else if (!row || !sameContent(note, row, options.writers[note.writer])) {
        result.altered++;
        example("altered", `${note.key} (${ackedId})`);
      }
    } else if ((outcome.kind === "rejected" || outcome.kind === "refused") && rows.length > 0) {
      result.refusedButStored++;
      example("refusedButStored", `${note.key}: ${outcome.kind}`);
    }
    if (outcome.kind === "unknown" && !retry) {
      if (rows.length > 0) result.unknownStored++;
      else result.unknownAbsent++;
    }
    if (outcome.kind === "unknown" && retry?.kind === "acked") {
      // A replay says the first request had been stored; a new 201 says it had not.
      if (retry.replayed) result.unknownStored++;
      else result.unknownAbsent++;
    }
  }
  for (const key of stored.keys()) {
    if (!keys.has(key)) {
      result.strays++;
      example("strays", key);
    }
  }
  return result;
}

/** True when nothing acknowledged was lost or changed, nothing is stored twice, and no refused note was stored. */
export function isClean(result: Reconciliation): boolean {
  return result.lost === 0 && result.altered === 0 && result.duplicates === 0 && result.refusedButStored === 0 && result.strays === 0 && result.retriedFailed === 0;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
