/**
 * From a fresh clone to the first served page, with the README's first command, and the server's
 * memory idle and under load. Clones this repository's HEAD into a temporary folder (with
 * ../shared beside it, as CI has it), runs `npm install && npm start` there on a free port, and
 * times the install and the first 200 of `/`; then reads the resident memory of the server's
 * processes (the `npm start` tree: scripts/start.mjs, scripts/serve.mjs and Next) idle, and at the
 * end of 10 s of `wrk -t2 -c32` on the reader page signed out and on `/api/annotations` listing.
 * Baseline in the same run: `npm ci` of the same clone, timed the same way (the registry's and the
 * disk's speed move both alike).
 * Run: npm run bench:first-page   (writes bench/results/first-page.json; several minutes)
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { treeRssMiB } from "./proc";
import { performance } from "node:perf_hooks";
import { createServer } from "node:net";

const root = resolve(import.meta.dirname, "..");
const round = (value: number, digits = 1) => +value.toFixed(digits);
const load = () => loadavg().map((value) => round(value, 2));

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function timed(command: string, args: string[], cwd: string): number {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: "ignore", env: { ...process.env, CI: "true", NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}`);
  return round((performance.now() - start) / 1000);
}

const base = mkdtempSync(join(tmpdir(), "bench-first-page-"));
const clone = join(base, "app");
symlinkSync(resolve(root, "..", "shared"), join(base, "shared"));
execFileSync("git", ["clone", "--quiet", root, clone]);
const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: clone, encoding: "utf8" }).trim();

let server: ReturnType<typeof spawn> | undefined;
try {
  // Baseline: `npm ci` in a second clone of the same commit.
  const ciClone = join(base, "ci");
  execFileSync("git", ["clone", "--quiet", root, ciClone]);
  const npmCiSeconds = timed("npm", ["ci", "--no-audit", "--no-fund"], ciClone);
  rmSync(ciClone, { recursive: true, force: true });

  const started = performance.now();
  const installSeconds = timed("npm", ["install", "--no-audit", "--no-fund"], clone);
  const port = await freePort();
  const startAt = performance.now();
  server = spawn("npm", ["start"], { cwd: clone, stdio: "ignore", env: { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" }, detached: true });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/`)).status === 200) break;
    } catch {
      // Not up yet.
    }
    if (performance.now() - startAt > 15 * 60_000) throw new Error("npm start did not answer within 15 minutes");
    await new Promise((done) => setTimeout(done, 250));
  }
  const startSeconds = round((performance.now() - startAt) / 1000);
  const cloneToFirstPageSeconds = round((performance.now() - started) / 1000);

  await new Promise((done) => setTimeout(done, 5_000));
  const idleMiB = treeRssMiB(server.pid as number);
  const wrk = (path: string) =>
    spawnSync("wrk", ["-t2", "-c32", "-d10s", "-H", "Accept-Encoding: gzip", `${url}${path}`], { encoding: "utf8" }).stdout.match(/Requests\/sec:\s+([\d.]+)/)?.[1];
  const readerRps = wrk("/briefs/japan-quasi-alliance");
  const afterReaderMiB = treeRssMiB(server.pid as number);
  const listRps = wrk("/api/annotations?brief=japan-quasi-alliance");
  const afterListMiB = treeRssMiB(server.pid as number);

  const results = {
    benchmark: "first-page",
    date: new Date().toISOString(),
    command: "npm run bench:first-page",
    commit,
    node: process.version,
    cpus: `${cpus()[0]?.model ?? "?"} × ${cpus().length}`,
    loadAverage: load(),
    seconds: { npmInstall: installSeconds, npmStartToFirstPage: startSeconds, cloneToFirstPage: cloneToFirstPageSeconds, npmCiBaseline: npmCiSeconds },
    ratio: { installToNpmCi: round(installSeconds / npmCiSeconds, 2) },
    memoryMiB: { idle: idleMiB, afterReaderLoad: afterReaderMiB, afterListLoad: afterListMiB },
    underLoad: { wrk: "wrk -t2 -c32 -d10s -H 'Accept-Encoding: gzip'", readerRequestsPerSecond: Number(readerRps ?? 0), listRequestsPerSecond: Number(listRps ?? 0) },
  };
  writeFileSync(join(root, "bench", "results", "first-page.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
} finally {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
  await new Promise((done) => setTimeout(done, 2_000));
  rmSync(base, { recursive: true, force: true });
}
