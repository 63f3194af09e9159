/**
 * Start-up: how long `npm start` (node scripts/start.mjs) takes, on a database that is already
 * migrated and seeded and with an up-to-date build, from the spawn to the first answered request
 * (`GET /api/briefs` answering 200), polled every 25 ms. In the same run, taking turns: the same
 * start with PREPARE_DB=full (migrate deploy and the seed run on every start, as before the skip),
 * and a bare node:http server started the same way (spawned, polled), the floor of what spawning a
 * Node process and polling it costs here; and the start with SERVE_EARLY=0, whose server process is
 * spawned only after the steps (as before the server was started beside them). Also times the
 * steps `npm start` runs before serving.
 *
 * Run: npm run bench:startup   (needs a build in .next/; writes bench/results/startup.json)
 * BENCH_STARTUP_RUNS=5 (default 5).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../tests/support/app-process";
import { root } from "./built-app";

const RUNS = Number(process.env.BENCH_STARTUP_RUNS) || 5;

async function firstAnswer(url: string, child: ChildProcess, started: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before answering`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > 60_000) throw new Error(`${url} did not answer within 60 s`);
    await new Promise((wait) => setTimeout(wait, 25));
  }
}

/** Spawns `node <args>` with PORT set and the extra environment, and times it to its first answer at `path`. */
async function timeStart(env: NodeJS.ProcessEnv, args: string[], extra: Record<string, string>, path: string): Promise<number> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...env, ...extra, PORT: String(port) }, stdio: "ignore" });
  try {
    return await firstAnswer(`http://127.0.0.1:${port}${path}`, child, began);
  } finally {
    await stop(child);
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((done) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      done(null);
    }, 8_000);
    child.once("exit", () => {
      clearTimeout(timer);
      done(null);
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number) => +value.toFixed(0);

async function main() {
  const folder = mkdtempSync(join(tmpdir(), "bench-startup-"));
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", DATABASE_URL: `file:${join(folder, "bench.db")}`, AUTH_SECRET_FILE: join(folder, "auth-secret") };
  try {
    // The database, migrated and seeded once, as after a first start.
    const prepared = spawnSync(process.execPath, ["scripts/prepare-db.mjs"], { cwd: root, env, encoding: "utf8" });
    if (prepared.status !== 0) throw new Error(`Preparing the database failed:\n${prepared.stdout}\n${prepared.stderr}`);
    const built = spawnSync(process.execPath, ["scripts/build.mjs", "--if-needed"], { cwd: root, env, encoding: "utf8" });
    if (!/up to date/.test(built.stdout)) throw new Error(`The build is not up to date; run \`node scripts/build.mjs --if-needed\` first:\n${built.stdout}`);
    const loadBefore = loadavg().map((value) => +value.toFixed(2));
    const starts: number[] = [];
    const fulls: number[] = [];
    const afterSteps: number[] = [];
    const bares: number[] = [];
    const steps: Record<string, number[]> = { "prepare-db": [], "build --if-needed": [] };
    for (let run = 0; run < RUNS; run++) {
      // The steps alone, timed as start.mjs runs them.
      for (const [name, args] of [["prepare-db", ["scripts/prepare-db.mjs"]], ["build --if-needed", ["scripts/build.mjs", "--if-needed"]]] as const) {
        const began = performance.now();
        const step = spawnSync(process.execPath, args, { cwd: root, env, encoding: "utf8" });
        if (step.status !== 0) throw new Error(`${name} failed:\n${step.stdout}\n${step.stderr}`);
        steps[name].push(performance.now() - began);
      }
      starts.push(await timeStart(env, ["scripts/start.mjs"], {}, "/api/briefs"));
      // The server started only after the steps, as before it was started beside them.
      afterSteps.push(await timeStart(env, ["scripts/start.mjs"], { SERVE_EARLY: "0" }, "/api/briefs"));
      fulls.push(await timeStart(env, ["scripts/start.mjs"], { PREPARE_DB: "full" }, "/api/briefs"));
      bares.push(await timeStart(env, ["-e", `require("node:http").createServer((q, s) => s.end("[]")).listen(Number(process.env.PORT), "127.0.0.1")`], {}, "/"));
      console.log(`run ${run + 1}: npm start ${round(starts[run])} ms, server after the steps ${round(afterSteps[run])} ms, with PREPARE_DB=full ${round(fulls[run])} ms, bare node:http ${round(bares[run])} ms, prepare-db ${round(steps["prepare-db"][run])} ms, build --if-needed ${round(steps["build --if-needed"][run])} ms`);
    }
    const loadAfter = loadavg().map((value) => +value.toFixed(2));
    const result = {
      date: new Date().toISOString(),
      command: "npm run bench:startup",
      node: process.version,
      cpu: `${cpus()[0]?.model ?? "?"} × ${cpus().length}`,
      loadAverage: { before: loadBefore, after: loadAfter },
      database: "SQLite, migrated and seeded before the runs",
      goal: { firstAnswerMs: 2000 },
      runs: RUNS,
      npmStartToFirstAnswerMs: { median: round(median(starts)), all: starts.map(round) },
      serverAfterStepsMs: { median: round(median(afterSteps)), all: afterSteps.map(round), note: "SERVE_EARLY=0: the server process started only once the steps are done (the start before this round)" },
      ratioToServerAfterSteps: +(median(starts) / median(afterSteps)).toFixed(2),
      withPrepareDbFullMs: { median: round(median(fulls)), all: fulls.map(round), note: "PREPARE_DB=full: migrate deploy and the seed on every start, as before" },
      bareNodeHttpToFirstAnswerMs: { median: round(median(bares)), all: bares.map(round) },
      ratioToBare: +(median(starts) / median(bares)).toFixed(1),
      stepsMs: Object.fromEntries(Object.entries(steps).map(([name, values]) => [name, { median: round(median(values)), all: values.map(round) }])),
      goalMet: median(starts) <= 2000,
    };
    console.log(result);
    mkdirSync(join(root, "bench", "results"), { recursive: true });
    writeFileSync(join(root, "bench", "results", process.env.BENCH_OUT ?? "startup.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to bench/results/${process.env.BENCH_OUT ?? "startup.json"}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
