/**
 * Load and faults: 64 concurrent writers, each its own account and session, create 1,000 notes
 * each through `POST /api/annotations` on the built app; when half of the 64,000 are acknowledged
 * the server is killed with SIGKILL and started again on the same port and database, and the
 * writers carry on. Afterwards: every acknowledged note is stored once with the content sent,
 * nothing is stored twice, requests without an answer are stored once or not at all, and the
 * database passes its integrity check. Baseline in the same run: the same writers against a bare
 * node:http + better-sqlite3 insert server (bench/baseline-server.ts) for a few thousand notes.
 *
 * The database is a fresh one on the provider DATABASE_URL names (unset: a SQLite file in a
 * temporary folder; postgresql://…: a new database on that server, dropped afterwards).
 *
 * Run: npm run bench:load   (writes bench/results/load-faults-<provider>.json; needs a build)
 * Knobs: BENCH_LOAD_WRITERS (64), BENCH_LOAD_NOTES (1000 per writer), BENCH_LOAD_KILL_AT (0.5 of
 * all notes acknowledged; above 1 never kills), BENCH_LOAD_BASELINE_NOTES (50 per writer),
 * BENCH_LOAD_IDEMPOTENCY=0 (no Idempotency-Key, no retries), BENCH_LOAD_APP_NODE_ARGS (node flags for
 * the app, e.g. --cpu-prof), KEEP_BENCH_DATA=1.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { freePort } from "../tests/support/app-process";
import { freshDatabase, integrityCheck, readAnnotations } from "../tests/support/database-check";
import {
  AppServer,
  appEnvironment,
  isClean,
  type NotePlan,
  type Outcome,
  percentile,
  planNotes,
  prepareDatabase,
  reconcile,
  retryUnknown,
  runWriters,
  sentenceTargets,
  signUpWriter,
  sleep,
  type WriterRun,
  type Writer,
} from "../tests/support/fault-load";
import { startBaseline } from "./baseline-server";

const root = join(import.meta.dirname, "..");
const SLUG = "japan-quasi-alliance";
const number = (value: string | undefined, fallback: number) => (value !== undefined && Number.isFinite(Number(value)) ? Number(value) : fallback);
const WRITERS = number(process.env.BENCH_LOAD_WRITERS, 64);
const NOTES = number(process.env.BENCH_LOAD_NOTES, 1_000);
const KILL_AT = number(process.env.BENCH_LOAD_KILL_AT, 0.5);
const BASELINE_NOTES = number(process.env.BENCH_LOAD_BASELINE_NOTES, 50);
const IDEMPOTENCY = process.env.BENCH_LOAD_IDEMPOTENCY !== "0";
const SCRIPT_LIMIT_MS = 45 * 60_000;

const round = (value: number, digits = 1) => +value.toFixed(digits);

function latencies(outcomes: Iterable<Outcome>) {
  const sorted = [...outcomes].flatMap((outcome) => (outcome.kind === "acked" ? [outcome.latencyMs] : [])).sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

function throughput(run: WriterRun, excludeMs = 0) {
  const acked = [...run.outcomes.values()].filter((outcome) => outcome.kind === "acked").length;
  return round((acked / (run.finishedAt - run.startedAt - excludeMs)) * 1000);
}

async function main(): Promise<void> {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) throw new Error("No build in .next/ (this benchmark never builds; build first with npm run build).");
  const build = readFileSync(buildId, "utf8").trim();
  const run = Date.now().toString(36);
  const dir = mkdtempSync(join(tmpdir(), "brief-reader-load-"));
  const database = freshDatabase(dir);
  let server: AppServer | undefined;
  let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined;
  const watchdog = setTimeout(() => {
    console.error(`bench:load: over ${SCRIPT_LIMIT_MS / 60_000} minutes, giving up`);
    baseline?.child.kill("SIGKILL");
    void server?.kill().then(() => process.exit(2));
  }, SCRIPT_LIMIT_MS);
  watchdog.unref();
  try {
    const env = appEnvironment(database.url, dir);
    prepareDatabase(env);
    const port = await freePort();
    // BENCH_LOAD_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app (with BENCH_LOAD_KILL_AT=2: a killed process writes no profile).
    server = new AppServer(port, env, join(dir, "server.log"), process.env.BENCH_LOAD_APP_NODE_ARGS?.split(/\s+/).filter(Boolean));
    const firstStartMs = await server.start();
    console.log(`app: next start on ${server.baseURL} (build ${build}), ${database.provider} database, ${WRITERS} writers × ${NOTES} notes`);

    // Accounts, a few at a time (scrypt is deliberately slow).
    const writers: Writer[] = [];
    for (let i = 0; i < WRITERS; i += 4) {
      writers.push(...(await Promise.all(Array.from({ length: Math.min(4, WRITERS - i) }, (_, j) => signUpWriter(server?.baseURL as string, run, i + j)))));
    }
    const brief = await (await fetch(`${server.baseURL}/api/briefs/${SLUG}`)).json();
    const targets = sentenceTargets(brief);
    const notes: NotePlan[][] = writers.map((writer) => planNotes(run, SLUG, targets, writer.index, NOTES));
    const total = WRITERS * NOTES;

    // Baseline first: the same writers, bodies and loop against the bare insert server.
    baseline = await startBaseline(join(dir, "baseline.db"));
    const baselineNotes = writers.map((writer) => planNotes(`${run}b`, SLUG, targets, writer.index, BASELINE_NOTES));
    const baselineRun = await runWriters({ port: baseline.port, writers, notes: baselineNotes, idempotency: false, baseline: true, serverUp: async () => void (await sleep(100)) });
    baseline.child.kill("SIGTERM");
    const baselineRejected = [...baselineRun.outcomes.values()].filter((outcome) => outcome.kind !== "acked").length;
    console.log(`baseline: ${baselineRun.outcomes.size} notes, ${throughput(baselineRun)} notes/s, ${baselineRejected} not acknowledged`);

    // The load, with the kill.
    let acked = 0;
    let killedAt = 0;
    let upAt = 0;
    let restartMs = 0;
    let firstAckAfterKill = 0;
    let outage: Promise<void> | null = null;
    const restart = async () => {
      killedAt = performance.now();
      const at = acked;
      await server?.kill();
      // Answers the server wrote before it died may still arrive after the signal.
      console.log(`killed the server with SIGKILL at ${at} acknowledged notes (${acked} answers had arrived when it was gone)`);
      restartMs = await (server as AppServer).start();
      upAt = performance.now();
      console.log(`restarted in ${round(restartMs / 1000, 2)} s; down for ${round((upAt - killedAt) / 1000, 2)} s`);
    };
    const counts: Record<Outcome["kind"], number> = { acked: 0, rejected: 0, refused: 0, unknown: 0 };
    let lastReport = { at: performance.now(), acked: 0 };
    const progress = setInterval(() => {
      const now = performance.now();
      console.log(`${acked}/${total} acknowledged (${round(((acked - lastReport.acked) / (now - lastReport.at)) * 1000)}/s); ${JSON.stringify(counts)}`);
      lastReport = { at: now, acked };
    }, 10_000);
    let loadRun: WriterRun;
    try {
      loadRun = await runWriters({
        port,
        writers,
        notes,
        idempotency: IDEMPOTENCY,
        serverUp: async () => {
          if (outage) await outage;
          else while (!(await fetch(`${server?.baseURL}/api/briefs`).then((response) => response.ok, () => false))) await sleep(100);
        },
        onOutcome: (_note, outcome) => {
          counts[outcome.kind]++;
          if (outcome.kind !== "acked") return;
          acked++;
          if (killedAt && !firstAckAfterKill && outcome.sentAt > killedAt) firstAckAfterKill = performance.now();
          if (!outage && acked >= Math.ceil(total * KILL_AT)) outage = restart();
        },
      });
    } finally {
      clearInterval(progress);
    }
    if (outage) await outage;
    const retried = IDEMPOTENCY ? await retryUnknown({ port, writers, notes, outcomes: loadRun.outcomes }) : new Map<string, Outcome>();
    await server.stop();

    // Checks, with the server stopped.
    const integrity = integrityCheck(database.url);
    const rows = await readAnnotations(database.url, SLUG);
    const result = reconcile({ run, notes, writers, outcomes: loadRun.outcomes, retried, rows });
    const downMs = killedAt ? upAt - killedAt : 0;
    const app = { notesPerSecond: throughput(loadRun), notesPerSecondExcludingOutage: throughput(loadRun, downMs), latencyMs: latencies(loadRun.outcomes.values()) };
    const base = { notesPerSecond: throughput(baselineRun), latencyMs: latencies(baselineRun.outcomes.values()) };
    const valid = isClean(result) && integrity.every((check) => check.ok) && baselineRejected === 0 && result.rejected === 0 && killedAt > 0 === KILL_AT <= 1;
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
      build,
      provider: database.provider,
      valid,
      setup: {
        writers: WRITERS,
        notesPerWriter: NOTES,
        killAtAcknowledged: Math.ceil(total * KILL_AT),
        idempotencyKeys: IDEMPOTENCY,
        baselineNotesPerWriter: BASELINE_NOTES,
        annotationWritesPerMinute: env.ANNOTATION_WRITES_PER_MINUTE,
        loadGenerator: "node:http, one keep-alive connection per writer, in the benchmark process",
      },
      durationMs: round(loadRun.finishedAt - loadRun.startedAt, 0),
      fault: {
        signal: "SIGKILL",
        killedAfterAcknowledged: killedAt ? Math.ceil(total * KILL_AT) : null,
        downMs: round(downMs, 0),
        restartMs: round(restartMs, 0),
        firstWriteAfterKillMs: firstAckAfterKill ? round(firstAckAfterKill - killedAt, 0) : null,
        firstStartMs: round(firstStartMs, 0),
      },
      app,
      baseline: { ...base, notes: baselineRun.outcomes.size, server: "bench/baseline-server.ts: node:http + better-sqlite3, one INSERT and commit per request, the app's pragmas, SQLite whatever the app's provider" },
      ratios: {
        notesPerSecond: round(app.notesPerSecond / base.notesPerSecond, 2),
        notesPerSecondExcludingOutage: round(app.notesPerSecondExcludingOutage / base.notesPerSecond, 2),
        p50: round(app.latencyMs.p50 / base.latencyMs.p50, 1),
        p99: round(app.latencyMs.p99 / base.latencyMs.p99, 1),
      },
      // Where the tail comes from: the slowest acknowledged requests, by when they were sent.
      slowest: [...loadRun.outcomes.values()]
        .flatMap((outcome) => (outcome.kind === "acked" ? [outcome] : []))
        .sort((a, b) => b.latencyMs - a.latencyMs)
        .slice(0, 10)
        .map((outcome) => ({
          latencyMs: round(outcome.latencyMs, 0),
          sentAfterStartS: round((outcome.sentAt - loadRun.startedAt) / 1000),
          sentAfterKillS: killedAt ? round((outcome.sentAt - killedAt) / 1000) : null,
        })),
      counts: result,
      storedRows: rows.length,
      integrity,
    };
    mkdirSync(join(root, "bench/results"), { recursive: true });
    const file = join(root, "bench/results", `load-faults-${database.provider}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    const { examples, ...countsOnly } = result;
    console.table(countsOnly);
    console.log({ app, baseline: base, ratios: report.ratios, fault: report.fault });
    for (const check of integrity) console.log(`${check.ok ? "ok  " : "FAIL"} ${check.name}: ${check.detail ?? ""}`);
    if (Object.keys(examples).length) console.log("examples", examples);
    console.log(`wrote ${file}`);
    if (!valid) {
      console.error("bench:load: the run is not clean (see the counts and integrity checks above)");
      process.exitCode = 1;
    }
  } finally {
    clearTimeout(watchdog);
    baseline?.child.kill("SIGTERM");
    await server?.stop();
    try {
      if (!process.env.KEEP_BENCH_DATA) database.remove();
    } catch (error) {
      console.error(`could not remove the database: ${(error as Error).message}`);
    }
    if (!process.env.KEEP_BENCH_DATA) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
