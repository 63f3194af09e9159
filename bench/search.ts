/**
 * Search benchmark: latency of `GET /api/search` on the built app with 100,000 notes in the
 * database, for Korean and English queries, against baselines measured in the same run on the
 * same server: `GET /api/auth/get-session` with the same signed-in client (Next + the session
 * lookup: the floor of any signed-in request), `GET /api/briefs` (anonymous, trivial), and, for
 * the record, `GET /api/annotations/<id>` (signed in; at 100,000 notes it is far slower than the
 * others, see bench/README.md).
 *
 * - The app: the existing build in `.next/` (never built here), `next start` on a free port
 *   against a fresh SQLite file in a temporary folder, migrated and seeded with
 *   `scripts/prepare-db.mjs`, as `tests/setup/app-server.ts` does. 8 accounts are signed up.
 * - The notes: 100,000 rows inserted straight into the Annotation table with better-sqlite3
 *   (one transaction, while the app runs: the index must pick them up by itself). Bodies are
 *   built from the brief's own clauses and common research-note phrases, so their words are
 *   the words people search for, and half of them a made-up word of 2–4 syllables (people's own
 *   names and coinages) so that the vocabulary grows like a real one; 80% are on spans of the text (valid quotes and positions on
 *   the current revision), 20% on entities; half private, half shared; 2% deleted, 1% hidden;
 *   authors drawn from the 8 accounts. All drawn from a seeded PRNG.
 * - The index build: the first signed-in search builds the notes index (its Server-Timing says
 *   how long the sync took); the server's resident memory is read from /proc before and after.
 *   The same build is repeated in this process, with a forced GC around it, to measure the
 *   index's heap on its own.
 * - The load: one client, one request at a time over a keep-alive connection on loopback,
 *   cases interleaved in rounds (each query, then the baselines) so the shared machine's other
 *   load falls on all alike. The machine's load average is recorded at start and end. Then 4
 *   concurrent clients. Then "search after a
 *   write": each search follows a POST of a note, so every search must take a change in.
 *
 * Run: npm run bench:search   (writes bench/results/search.json; about 3 minutes)
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { NoteIndex, type NoteRecord } from "../lib/search/note-index";
import { freePort, waitUntilUp } from "../tests/support/app-process";
import { prng } from "./prng";

const root = join(import.meta.dirname, "..");
const SLUG = "japan-quasi-alliance";
const NOTES = Number(process.env.BENCH_SEARCH_NOTES) || 100_000;
const USERS = 8;
/** Timed requests per query (the recorded figures use 60, spread over ROUNDS rounds). */
const PER_QUERY = Number(process.env.BENCH_SEARCH_REPEAT) || 60;
const ROUNDS = 4;
const WARMUP = 3;
const CONCURRENT_CLIENTS = 4;
const SCRIPT_LIMIT_MS = 20 * 60_000;

/** Two-syllable words, particles, English aliases, words of notes, several words, a prefix. */
const QUERIES: { q: string; kind: string }[] = [
  { q: "호주", kind: "two syllables" },
  { q: "일본", kind: "two syllables (in most notes)" },
  { q: "영국", kind: "two syllables" },
  { q: "호주와", kind: "particle" },
  { q: "영국과", kind: "particle" },
  { q: "RAA를", kind: "particle on Latin" },
  { q: "raa", kind: "lower-case Latin" },
  { q: "Australia", kind: "English alias" },
  { q: "Philippines", kind: "English alias" },
  { q: "United Kingdom", kind: "English alias, two words" },
  { q: "검토", kind: "note word" },
  { q: "후속 연구", kind: "note words" },
  { q: "일본 호주", kind: "two words (AND)" },
  { q: "인도", kind: "prefix of 인도태평양" },
  { q: "전수방위", kind: "rare word" },
  { q: "동맹", kind: "substring-heavy" },
];

const NOTE_PHRASES = [
  "검토 필요",
  "중요한 지점",
  "후속 연구 과제",
  "다른 자료와 비교할 것",
  "출처 확인",
  "질문: 이 주장의 근거는?",
  "한국에 주는 함의",
  "반론 가능성",
  "통계 보강 필요",
  "cf. MOFA 발표 자료",
  "see also the Quad statement",
  "follow up with the 2024 white paper",
  "세미나에서 논의",
  "요약본에 넣을 것",
];
/** Syllables for the made-up words of notes. */
const SYLLABLES = Array.from("가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후기니디리미비시이지치키티피히");
const TAGS = ["검토", "중요", "질문", "한국함의", "데이터", "todo", "인용"];

// ---------------------------------------------------------------------------------------------

interface BriefJson {
  revision: string;
  sections: { blocks: { id: string; text: string; mentions: { entityId: string }[] }[] }[];
}

type Sqlite = {
  prepare(sql: string): { run(...values: unknown[]): unknown; all(...values: unknown[]): unknown[] };
  transaction<T extends (...args: never[]) => unknown>(fn: T): T;
  close(): void;
};

const round = (value: number, digits = 2) => +value.toFixed(digits);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)),
  };
}

/** Resident memory of a process and its children, in MiB (from /proc). */
function rssMiB(pid: number): number {
  let kib = 0;
  const visit = (id: number) => {
    try {
      const status = readFileSync(`/proc/${id}/status`, "utf8");
      kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const children = readFileSync(`/proc/${id}/task/${id}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
    } catch {
      // The process is gone.
    }
  };
  visit(pid);
  return round(kib / 1024, 1);
}

/** Keep-alive connections the server closed while idle, answered by sending again. */
let retries = 0;

function getOnce(agent: Agent, port: number, path: string, headers: Record<string, string>): Promise<{ status: number; ms: number; timing: string; body: string }> {
  return new Promise((done, fail) => {
    const sent = performance.now();
    const request = httpRequest({ agent, host: "127.0.0.1", port, path, headers, timeout: 60_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        done({ status: response.statusCode ?? 0, ms: performance.now() - sent, timing: String(response.headers["server-timing"] ?? ""), body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", fail);
    request.end();
  });
}

/**
 * One GET, timed from sending to the last byte. A request that meets a keep-alive connection
 * the server has just closed (ECONNRESET before any answer) is sent again, and only that
 * second attempt is timed; the count is in the report.
 */
async function get(agent: Agent, port: number, path: string, headers: Record<string, string>) {
  try {
    return await getOnce(agent, port, path, headers);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ECONNRESET") throw error;
    retries++;
    return getOnce(agent, port, path, headers);
  }
}

async function signUp(baseURL: string, index: number): Promise<{ cookie: string; id: string }> {
  const headers = { "content-type": "application/json", origin: baseURL, "x-forwarded-for": `2001:db8:5ea:${index.toString(16)}::1` };
  const account = { email: `search-bench-${index}@brief-reader.test`, password: "correct horse battery staple" };
  const signedUp = await fetch(`${baseURL}/api/auth/sign-up/email`, { method: "POST", headers, body: JSON.stringify({ name: `검색 ${index}`, ...account }) });
  if (signedUp.status !== 200) throw new Error(`sign-up ${index} failed: ${signedUp.status} ${await signedUp.text()}`);
  // Sign-up never signs in (its answer must not tell whether the address had an account).
  const response = await fetch(`${baseURL}/api/auth/sign-in/email`, { method: "POST", headers, body: JSON.stringify(account) });
  if (response.status !== 200) throw new Error(`sign-in ${index} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0].trim())
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
  const body = (await response.json()) as { user: { id: string } };
  return { cookie, id: body.user.id };
}

/** The notes to insert, drawn from the brief's clauses, note phrases and tags. */
function makeNotes(brief: BriefJson, authors: string[], count: number, random: () => number) {
  const blocks: { id: string; chars: string[]; start: number; entities: string[] }[] = [];
  const all: string[] = [];
  for (const block of brief.sections.flatMap((section) => section.blocks)) {
    if (all.length > 0) all.push("\n");
    const chars = Array.from(block.text);
    blocks.push({ id: block.id, chars, start: all.length, entities: [...new Set(block.mentions.map((mention) => mention.entityId))] });
    all.push(...chars);
  }
  const clauses = blocks.flatMap((block) =>
    block.chars
      .join("")
      .split(/(?<=[,.])\s+|(?<=함|음|됨)\.\s*/u)
      .map((clause) => clause.trim())
      .filter((clause) => clause.length >= 8),
  );
  const entities = [...new Set(blocks.flatMap((block) => block.entities))];
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const now = Date.now();
  const notes = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    const clauseCount = 1 + Math.floor(random() * 2);
    for (let c = 0; c < clauseCount; c++) parts.push(pick(clauses));
    if (random() < 0.6) parts.push(pick(NOTE_PHRASES));
    // People's own words (names, places, coinages) that the brief does not use: random two- to
    // four-syllable words, so the vocabulary grows as a real one would (to about 50,000 words).
    if (random() < 0.5) parts.push(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join(""));
    const body = random() < 0.1 ? "" : parts.join(" ");
    const tags = random() < 0.3 ? [pick(TAGS), ...(random() < 0.3 ? [pick(TAGS)] : [])] : [];
    const onText = random() < 0.8;
    let target: { blockId: string; exact: string; prefix: string; suffix: string; start: number; end: number } | null = null;
    if (onText) {
      let block = pick(blocks);
      while (block.chars.length < 6) block = pick(blocks);
      const length = 5 + Math.floor(random() * (Math.min(40, block.chars.length) - 4));
      const offset = Math.floor(random() * (block.chars.length - length + 1));
      const start = block.start + offset;
      const end = start + length;
      target = { blockId: block.id, exact: all.slice(start, end).join(""), prefix: all.slice(Math.max(0, start - 32), start).join(""), suffix: all.slice(end, end + 32).join(""), start, end };
    }
    const created = new Date(now - Math.floor(random() * 90 * 86_400_000)).toISOString().replace("Z", "+00:00");
    const deleted = random() < 0.02;
    const visibility = random() < 0.5 ? "shared" : "private";
    const hidden = visibility === "shared" && random() < 0.01;
    notes.push({
      id: `bench${i.toString(36).padStart(6, "0")}`,
      authorId: pick(authors),
      motivation: body ? "commenting" : "highlighting",
      visibility,
      body,
      tags: JSON.stringify(tags),
      blockId: target?.blockId ?? null,
      quoteExact: target?.exact ?? null,
      quotePrefix: target?.prefix ?? null,
      quoteSuffix: target?.suffix ?? null,
      positionStart: target?.start ?? null,
      positionEnd: target?.end ?? null,
      entityId: target ? null : pick(entities),
      created,
      deletedAt: deleted ? created : null,
      hiddenAt: hidden ? created : null,
    });
  }
  return notes;
}

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

/** Builds a NoteIndex from the database file in this process: time and heap of the index alone. */
function buildInProcess(database: Sqlite): { ms: number; heapMiB: number | null; notes: number; vocabulary: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = new NoteIndex();
  const rows = database
    .prepare(`SELECT id, briefSlug, authorId, visibility, groupId, body, tags, quoteExact, entityId, deletedAt, hiddenAt, version, updatedAt FROM "Annotation"`)
    .all() as Record<string, string | number | null>[];
  for (const row of rows) {
    const record: NoteRecord = {
      id: row.id as string,
      brief: row.briefSlug as string,
      authorId: row.authorId as string,
      visibility: row.visibility as string,
      groupId: (row.groupId as string | null) ?? null,
      body: row.body as string,
      tags: JSON.parse(row.tags as string) as string[],
      quote: row.quoteExact as string | null,
      entityId: row.entityId as string | null,
      deleted: row.deletedAt !== null,
      hidden: row.hiddenAt !== null,
      version: row.version as number,
      updatedAt: Date.parse(row.updatedAt as string),
    };
    index.upsert(record);
  }
  const ms = performance.now() - started;
  rows.length = 0;
  gc?.();
  const heapMiB = gc ? round((process.memoryUsage().heapUsed - before) / 1024 / 1024, 1) : null;
  return { ms: round(ms, 0), heapMiB, notes: index.size, vocabulary: index.vocabularySize };
}

async function main(): Promise<void> {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) throw new Error("No build in .next/ (this benchmark never builds; build first with npm run build).");
  const build = readFileSync(buildId, "utf8").trim();
  // The machine is shared: its load says how much the figures are worth.
  const loadAtStart = loadavg().map((value) => round(value));
  const dir = mkdtempSync(join(tmpdir(), "brief-reader-bench-search-"));
  let app: ChildProcess | undefined;
  const watchdog = setTimeout(() => {
    console.error(`bench:search: over ${SCRIPT_LIMIT_MS / 60_000} minutes, giving up`);
    void stop(app).then(() => process.exit(2));
  }, SCRIPT_LIMIT_MS);
  watchdog.unref();
  try {
    const dbFile = join(dir, "bench.db");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      DATABASE_URL: `file:${dbFile}`,
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
    // BENCH_SEARCH_APP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") runs the app under node with those flags.
    const nodeArgs = process.env.BENCH_SEARCH_APP_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    const next = join(root, "node_modules", ".bin", "next");
    const nextArgs = ["start", "-p", String(port), "-H", "127.0.0.1"];
    const out = createWriteStream(log);
    const startApp = async () => {
      const child = spawn(nodeArgs.length ? process.execPath : next, nodeArgs.length ? [...nodeArgs, next, ...nextArgs] : nextArgs, {
        cwd: root,
        env: { ...env, PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout?.pipe(out, { end: false });
      child.stderr?.pipe(out, { end: false });
      app = child;
      await waitUntilUp(baseURL, child, log);
      return child;
    };
    await startApp();
    console.log(`app: next start on ${baseURL} (build ${build}), database ${dbFile}`);

    const users: { cookie: string; id: string }[] = [];
    for (let i = 0; i < USERS; i++) users.push(await signUp(baseURL, i));
    const brief = (await (await fetch(`${baseURL}/api/briefs/${SLUG}`)).json()) as BriefJson;

    // The first server's memory with the code loaded and an empty notes index, for comparison.
    await fetch(`${baseURL}/api/search?q=${encodeURIComponent("호주")}`, { headers: { cookie: users[0].cookie } });
    const rssEmpty = rssMiB(app?.pid as number);

    const random = prng(20261124);
    const notes = makeNotes(brief, users.map((user) => user.id), NOTES, random);
    const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => Sqlite;
    const database = new Database(dbFile);
    const insert = database.prepare(`INSERT INTO "Annotation" ("id","briefSlug","authorId","motivation","visibility","body","tags","blockId","quoteExact","quotePrefix",
      "quoteSuffix","positionStart","positionEnd","entityId","revisionSha","anchorSha","anchorStatus","anchorScore","createdAt","modifiedAt","updatedAt","deletedAt","hiddenAt")
      VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
    const insertedAt = performance.now();
    database.transaction(() => {
      for (const note of notes) {
        const text = note.quoteExact !== null;
        insert.run(note.id, SLUG, note.authorId, note.motivation, note.visibility, note.body, note.tags, note.blockId, note.quoteExact, note.quotePrefix, note.quoteSuffix,
          note.positionStart, note.positionEnd, note.entityId, brief.revision, text ? brief.revision : null, text ? "exact" : null, text ? 1 : null,
          note.created, note.created, note.created, note.deletedAt, note.hiddenAt);
      }
    })();
    const insertMs = round(performance.now() - insertedAt, 0);
    console.log(`inserted ${NOTES} notes in ${insertMs} ms`);

    // Restart, as a deployment would: the server builds the notes index in the background as it
    // starts (instrumentation.ts); the first search waits for that build if it is not done.
    await stop(app);
    const restartedAt = performance.now();
    await startApp();
    const upMs = round(performance.now() - restartedAt, 0);
    const pid = app?.pid as number;

    let agent = new Agent({ keepAlive: true, maxSockets: CONCURRENT_CLIENTS });
    const signedIn = (user = 0) => ({ cookie: users[user].cookie, "x-forwarded-for": `2001:db8:5ea:${user.toString(16)}::1` });
    const searchPath = (q: string) => `/api/search?q=${encodeURIComponent(q)}&limit=10`;

    // The first signed-in search builds the notes index.
    const rssBefore = rssMiB(pid);
    const first = await get(agent, port, searchPath("호주"), signedIn());
    const readyMs = round(performance.now() - restartedAt, 0);
    const built = /search: indexed (\d+) notes in (\d+) ms \((\d+) distinct words\)/.exec(readFileSync(log, "utf8").split("\n").filter((line) => line.includes(`indexed ${NOTES} notes`)).join("\n"));
    if (first.status !== 200) throw new Error(`the first search failed: ${first.status} ${first.body}`);
    const rssAfter = rssMiB(pid);
    const firstSync = Number(/sync;dur=([\d.]+)/.exec(first.timing)?.[1] ?? NaN);
    const firstBody = JSON.parse(first.body) as { groups: { notes: { total: number } } };
    console.log(`server: listening ${upMs} ms after restart, index built in ${built?.[2]} ms; first search answered ${readyMs} ms after restart`);
    console.log(`first search: ${round(first.ms)} ms (sync ${firstSync} ms), ${firstBody.groups.notes.total} notes for 호주; RSS ${rssEmpty} MiB (empty index) → ${rssAfter} MiB`);
    // The server closes idle keep-alive connections after a few seconds: start afresh after this.
    agent.destroy();
    const inProcess = buildInProcess(database);
    console.log(`in-process build: ${inProcess.ms} ms, heap ${inProcess.heapMiB} MiB, vocabulary ${inProcess.vocabulary}`);
    database.close();
    agent = new Agent({ keepAlive: true, maxSockets: CONCURRENT_CLIENTS });

    // A note to read back for the annotation baseline: the viewer's own.
    const own = notes.find((note) => note.authorId === users[0].id && !note.deletedAt) as { id: string };
    const baselines = [
      // The floor of any signed-in request on this server: Next, the cookie, better-auth's session lookup.
      { name: "baseline: GET /api/auth/get-session (signed in)", path: "/api/auth/get-session", headers: signedIn() },
      { name: "baseline: GET /api/briefs", path: "/api/briefs", headers: {} as Record<string, string> },
      { name: "baseline: GET /api/annotations/<id> (signed in)", path: `/api/annotations/${own.id}`, headers: signedIn() },
    ];
    const cases = [
      ...QUERIES.map(({ q, kind }) => ({ name: q, kind, path: searchPath(q), headers: signedIn() })),
      { name: "호주 (anonymous)", kind: "text and entities only", path: searchPath("호주"), headers: {} as Record<string, string> },
      ...baselines.map((baseline) => ({ ...baseline, kind: "baseline" })),
    ];
    const latencies = new Map<string, number[]>(cases.map((item) => [item.name, []]));
    const serverMs = new Map<string, number[]>(cases.map((item) => [item.name, []]));
    /** Server-Timing parts of every signed-in search: content, sync, query, fetch. */
    const parts = new Map<string, number[]>();
    const totals = new Map<string, number>();
    const failures: string[] = [];
    for (const item of cases) {
      for (let i = 0; i < WARMUP; i++) {
        const answer = await get(agent, port, item.path, item.headers);
        if (answer.status !== 200) failures.push(`${item.name}: ${answer.status}`);
        if (i === 0 && item.kind !== "baseline") {
          const body = JSON.parse(answer.body) as { groups: { text: { total: number }; entities: { total: number }; notes: { total: number } | null } };
          totals.set(item.name, body.groups.notes?.total ?? -1);
          console.log(`${item.name}: text ${body.groups.text.total}, entities ${body.groups.entities.total}, notes ${body.groups.notes?.total ?? "-"}`);
        }
      }
    }
    const perRound = Math.ceil(PER_QUERY / ROUNDS);
    const searchNames = QUERIES.map(({ q }) => q);
    for (let r = 0; r < ROUNDS; r++) {
      for (const item of cases) {
        for (let i = 0; i < perRound; i++) {
          const answer = await get(agent, port, item.path, item.headers);
          if (answer.status !== 200) failures.push(`${item.name}: ${answer.status}`);
          latencies.get(item.name)?.push(answer.ms);
          const server = [...answer.timing.matchAll(/dur=([\d.]+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
          if (answer.timing) serverMs.get(item.name)?.push(server);
          if (answer.timing && searchNames.includes(item.name)) {
            for (const match of answer.timing.matchAll(/(\w+);dur=([\d.]+)/g)) (parts.get(match[1]) ?? parts.set(match[1], []).get(match[1]))?.push(Number(match[2]));
          }
        }
      }
      console.log(`round ${r + 1}/${ROUNDS} done`);
    }

    // Several clients at once: every query by each of 4 users, all at the same time.
    const concurrent: number[] = [];
    const concurrentBaseline: number[] = [];
    for (let r = 0; r < perRound; r++) {
      await Promise.all(
        Array.from({ length: CONCURRENT_CLIENTS }, async (_, client) => {
          for (const { q } of QUERIES) concurrent.push((await get(agent, port, searchPath(q), signedIn(client))).ms);
          concurrentBaseline.push((await get(agent, port, baselines[0].path, signedIn(client))).ms);
        }),
      );
    }

    // Search right after a write: each search must take in the new note first.
    const afterWrite: number[] = [];
    const writeHeaders = { "content-type": "application/json", origin: baseURL, ...signedIn(1) };
    for (let i = 0; i < 50; i++) {
      const posted = await fetch(`${baseURL}/api/annotations`, { method: "POST", headers: writeHeaders, body: JSON.stringify({ brief: SLUG, target: { entityId: "au" }, body: `새 메모 ${i} 호주 협력`, visibility: "shared" }) });
      if (posted.status !== 201) failures.push(`write ${i}: ${posted.status}`);
      afterWrite.push((await get(agent, port, searchPath("호주"), signedIn(0))).ms);
    }
    agent.destroy();
    const rssEnd = rssMiB(pid);
    await stop(app);

    const allSearch = searchNames.flatMap((name) => latencies.get(name) ?? []);
    const overall = stats(allSearch);
    const sessionBaseline = stats(latencies.get(baselines[0].name) ?? []);
    const briefsBaseline = stats(latencies.get(baselines[1].name) ?? []);
    const annotationBaseline = stats(latencies.get(baselines[2].name) ?? []);
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg().map((value) => round(value)) },
      build,
      setup: { notes: NOTES, users: USERS, perQuery: perRound * ROUNDS, rounds: ROUNDS, warmupPerCase: WARMUP, limit: 10, concurrentClients: CONCURRENT_CLIENTS, insertMs },
      valid: failures.length === 0,
      retriedAfterConnectionReset: retries,
      failures: failures.slice(0, 20),
      index: {
        serverBuildMs: built ? Number(built[2]) : null,
        vocabulary: built ? Number(built[3]) : null,
        restartToListeningMs: upMs,
        restartToFirstSearchAnsweredMs: readyMs,
        firstSearchMs: round(first.ms),
        firstSearchSyncMs: firstSync,
        serverRssMiB: { emptyIndex: rssEmpty, afterRestart: rssBefore, firstSearchAnswered: rssAfter, atEnd: rssEnd, growthOverEmpty: round(rssAfter - rssEmpty, 1) },
        inProcess,
      },
      search: overall,
      /** The server's own time per step (Server-Timing) over all signed-in searches. */
      serverSteps: Object.fromEntries([...parts].map(([name, values]) => [name, stats(values)])),
      baselines: { session: sessionBaseline, briefs: briefsBaseline, annotationById: annotationBaseline },
      /** Search ÷ the signed-in floor (get-session) and ÷ the anonymous /api/briefs, same run. */
      ratios: {
        p50VsSession: round(overall.p50 / sessionBaseline.p50),
        p95VsSession: round(overall.p95 / sessionBaseline.p95),
        p99VsSession: round(overall.p99 / sessionBaseline.p99),
        p50VsBriefs: round(overall.p50 / briefsBaseline.p50),
        p95VsBriefs: round(overall.p95 / briefsBaseline.p95),
      },
      target: { p95Ms: 50, met: overall.p95 < 50 },
      perQuery: cases.map((item) => ({
        q: item.name,
        kind: item.kind,
        notesFound: totals.get(item.name) ?? null,
        ...stats(latencies.get(item.name) ?? []),
        serverP50: stats(serverMs.get(item.name) ?? []).p50,
      })),
      concurrent: { clients: CONCURRENT_CLIENTS, search: stats(concurrent), sessionBaseline: stats(concurrentBaseline) },
      afterWrite: stats(afterWrite),
    };
    mkdirSync(join(root, "bench/results"), { recursive: true });
    writeFileSync(join(root, "bench/results/search.json"), `${JSON.stringify(report, null, 2)}\n`);
    console.table(report.perQuery.map(({ q, notesFound, p50, p95, p99, serverP50 }) => ({ q, notes: notesFound, "p50 ms": p50, "p95 ms": p95, "p99 ms": p99, "server p50": serverP50 })));
    console.log("all searches", overall, "baseline (get-session)", sessionBaseline, "ratios", report.ratios);
    console.log("server steps", report.serverSteps);
    console.log("concurrent", report.concurrent, "after a write", report.afterWrite);
    if (!report.valid) {
      console.error(`bench:search: failures: ${failures.slice(0, 5).join("; ")}`);
      process.exitCode = 1;
    }
  } finally {
    await stop(app);
    clearTimeout(watchdog);
    if (!process.env.KEEP_BENCH_DATA) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
