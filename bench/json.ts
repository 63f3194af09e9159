/**
 * JSON API throughput: `GET /api/briefs/<slug>`, `/api/entities/<id>` and `/api/agreements/<id>`
 * for a signed-out client under `wrk -t2 -c32 -d10s` with gzip, served as `npm start` serves them
 * (scripts/serve.mjs), against a bare node:http server (bench/bare-json-server.mjs) answering the
 * same bytes from memory, measured in the same run, taking turns path by path. The bare server runs
 * twice: with minimal headers (type, length, encoding, ETag: the goal's baseline), and with the
 * app's own response headers (its security headers, policy, cache headers: the same bytes on the
 * wire), which shows what the headers alone cost.
 *
 * Run: npm run bench:json   (needs a build in .next/; writes bench/results/json.json)
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { root, serveReader } from "./built-app";
import { wrk, wrkAvailable } from "./wrk";

const SECONDS = Number(process.env.BENCH_JSON_SECONDS) || 10;
const GOAL = { ratio: 0.8 };
const PATHS = ["/api/briefs/japan-quasi-alliance", "/api/entities/jp", "/api/agreements/gsomia-jp-au"];

async function main() {
  if (!wrkAvailable()) throw new Error("wrk is missing: apt-get install -y wrk");
  const reader = await serveReader(root, { edge: true });
  const folder = mkdtempSync(join(tmpdir(), "bench-json-"));
  const bodies: Record<string, string> = {};
  const appHeaders: Record<string, Record<string, string>> = {};
  for (const path of PATHS) {
    const response = await fetch(`${reader.baseURL}${path}`, { headers: { "accept-encoding": "identity" } });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    bodies[path] = await response.text();
    appHeaders[path] = Object.fromEntries([...response.headers].filter(([name]) => !["content-length", "content-encoding", "date", "connection", "keep-alive", "transfer-encoding"].includes(name)));
  }
  writeFileSync(join(folder, "bodies.json"), JSON.stringify(bodies));
  writeFileSync(join(folder, "headers.json"), JSON.stringify(appHeaders));
  const startBare = async (args: string[]) => {
    const child = spawn(process.execPath, [join(root, "bench", "bare-json-server.mjs"), ...args], { stdio: ["ignore", "pipe", "inherit"] });
    const port = await new Promise<number>((done) => createInterface({ input: child.stdout! }).once("line", (line) => done(Number(line))));
    return { child, url: `http://127.0.0.1:${port}` };
  };
  const bareServer = await startBare([join(folder, "bodies.json")]);
  const sameServer = await startBare([join(folder, "bodies.json"), join(folder, "headers.json")]);
  const bare = bareServer.child;
  const bareURL = bareServer.url;
  try {
    for (const path of PATHS) {
      for (let index = 0; index < 50; index++) {
        await (await fetch(`${reader.baseURL}${path}`)).arrayBuffer();
        await (await fetch(`${bareURL}${path}`)).arrayBuffer();
        await (await fetch(`${sameServer.url}${path}`)).arrayBuffer();
      }
    }
    const load = { before: loadavg().map((value) => +value.toFixed(2)), after: [] as number[] };
    const rows = [];
    for (const path of PATHS) {
      const app = wrk(`${reader.baseURL}${path}`, { seconds: SECONDS });
      const baseline = wrk(`${bareURL}${path}`, { seconds: SECONDS });
      const sameHeaders = wrk(`${sameServer.url}${path}`, { seconds: SECONDS });
      const ratio = +(app.requestsPerSecond / baseline.requestsPerSecond).toFixed(3);
      const ratioSame = +(app.requestsPerSecond / sameHeaders.requestsPerSecond).toFixed(3);
      console.log(`${path}: app ${app.requestsPerSecond} req/s (p99 ${app.p99Ms} ms), bare ${baseline.requestsPerSecond} req/s (p99 ${baseline.p99Ms} ms), ratio ${ratio}; bare with the app's headers ${sameHeaders.requestsPerSecond} req/s, ratio ${ratioSame}`);
      rows.push({ path, bytes: Buffer.byteLength(bodies[path]), app, baseline, sameHeaders, ratioToBare: ratio, ratioToBareWithAppHeaders: ratioSame, goalMet: ratio >= GOAL.ratio && app.errors === 0 });
    }
    load.after = loadavg().map((value) => +value.toFixed(2));
    console.table(rows.map((row) => ({ path: row.path, bytes: row.bytes, "app req/s": row.app.requestsPerSecond, "bare req/s": row.baseline.requestsPerSecond, "÷ bare": row.ratioToBare, "÷ bare, app's headers": row.ratioToBareWithAppHeaders, "app p99 ms": row.app.p99Ms, "bare p99 ms": row.baseline.p99Ms, goal: row.goalMet })));
    console.log(`load average ${load.before.join(" ")} → ${load.after.join(" ")}`);
    const result = {
      date: new Date().toISOString(),
      command: `${process.env.RESPONSE_CACHE === "off" ? "RESPONSE_CACHE=off " : ""}${process.env.BENCH_OUT ? `BENCH_OUT=${process.env.BENCH_OUT} ` : ""}npm run bench:json`,
      responseCache: process.env.RESPONSE_CACHE === "off" ? "off" : "on",
      wrkCommand: rows[0]?.app.command.replace(rows[0].app.url, "<url>"),
      node: process.version,
      cpu: `${cpus()[0]?.model ?? "?"} × ${cpus().length}`,
      loadAverage: load,
      build: reader.build,
      goal: GOAL,
      baseline: "bare node:http server answering the same bytes from memory, gzipped once (bench/bare-json-server.mjs); sameHeaders: the same server sending the app's response headers too",
      paths: rows,
    };
    mkdirSync(join(root, "bench", "results"), { recursive: true });
    writeFileSync(join(root, "bench", "results", process.env.BENCH_OUT ?? "json.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to bench/results/${process.env.BENCH_OUT ?? "json.json"}`);
  } finally {
    bare.kill();
    sameServer.child.kill();
    await reader.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
