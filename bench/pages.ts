/**
 * Page throughput: the reader's pages for a signed-out reader under `wrk -t2 -c32 -d10s` with gzip,
 * served as `npm start` serves them (scripts/serve.mjs), against a prerendered page of about the
 * same HTML size served by a bare Next.js app (bench/bare-next, `/static`), measured in the same run.
 * The bare page is measured before and after the app's pages, and the ratio uses the mean of the
 * two, so that the machine's other load falls on both alike.
 *
 * Run: npm run bench:pages   (needs a build in .next/; writes bench/results/pages.json)
 * BENCH_PAGES_SECONDS=5 for a quicker run; BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 * runs the app's server under those node flags, to profile it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { root, serveBareNext, serveReader } from "./built-app";
import { type WrkResult, wrk, wrkAvailable } from "./wrk";

const SECONDS = Number(process.env.BENCH_PAGES_SECONDS) || 10;
const GOAL = { ratio: 0.8, p99Ms: 100 };

const APP_PAGES = [
  { name: "reader", path: "/briefs/japan-quasi-alliance" },
  { name: "library", path: "/" },
  { name: "agreements", path: "/agreements" },
  { name: "entity", path: "/entities/jp" },
  { name: "record", path: "/agreements/gsomia-jp-au" },
];

/** The page's size, plain and gzipped, and its status, from one GET. */
async function size(url: string) {
  const response = await fetch(url, { headers: { "accept-encoding": "gzip" } });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes: body.length, etag: response.headers.get("etag"), csp: response.headers.get("content-security-policy") };
}

async function warm(url: string, times = 20) {
  for (let index = 0; index < times; index++) await (await fetch(url)).arrayBuffer();
}

async function main() {
  if (!wrkAvailable()) throw new Error("wrk is missing: apt-get install -y wrk");
  const reader = await serveReader(root, { edge: true });
  const bare = await serveBareNext();
  try {
    const bareURL = `${bare.baseURL}/static`;
    const targets = [{ name: "bare Next.js prerendered page", url: bareURL }, ...APP_PAGES.map((page) => ({ name: page.name, url: `${reader.baseURL}${page.path}` }))];
    const sizes: Record<string, Awaited<ReturnType<typeof size>>> = {};
    for (const target of targets) {
      await warm(target.url);
      sizes[target.name] = await size(target.url);
      if (sizes[target.name].status !== 200) throw new Error(`${target.url} answered ${sizes[target.name].status}`);
    }
    const load = { before: loadavg().map((value) => +value.toFixed(2)), after: [] as number[] };
    const bareBefore = wrk(bareURL, { seconds: SECONDS });
    console.log(`bare (before): ${bareBefore.requestsPerSecond} req/s, p99 ${bareBefore.p99Ms} ms`);
    const pages: Array<WrkResult & { name: string; path: string }> = [];
    for (const page of APP_PAGES) {
      const result = wrk(`${reader.baseURL}${page.path}`, { seconds: SECONDS });
      console.log(`${page.name}: ${result.requestsPerSecond} req/s, p99 ${result.p99Ms} ms`);
      pages.push({ name: page.name, path: page.path, ...result });
    }
    const bareAfter = wrk(bareURL, { seconds: SECONDS });
    console.log(`bare (after): ${bareAfter.requestsPerSecond} req/s, p99 ${bareAfter.p99Ms} ms`);
    load.after = loadavg().map((value) => +value.toFixed(2));
    const baseline = (bareBefore.requestsPerSecond + bareAfter.requestsPerSecond) / 2;
    const rows = pages.map((page) => ({
      ...page,
      htmlBytes: sizes[page.name].bytes,
      etag: sizes[page.name].etag,
      ratioToBare: +(page.requestsPerSecond / baseline).toFixed(3),
      goalMet: page.requestsPerSecond / baseline >= GOAL.ratio && page.p99Ms <= GOAL.p99Ms && page.errors === 0,
    }));
    console.table(rows.map((row) => ({ page: row.path, "req/s": row.requestsPerSecond, "÷ bare": row.ratioToBare, "p50 ms": row.p50Ms, "p99 ms": row.p99Ms, errors: row.errors, "HTML bytes": row.htmlBytes, goal: row.goalMet })));
    console.log(`bare Next.js prerendered page: ${baseline.toFixed(1)} req/s (mean of ${bareBefore.requestsPerSecond} and ${bareAfter.requestsPerSecond}), HTML ${sizes[targets[0].name].bytes} bytes; load average ${load.before.join(" ")} → ${load.after.join(" ")}`);
    const result = {
      date: new Date().toISOString(),
      command: `${process.env.RESPONSE_CACHE === "off" ? "RESPONSE_CACHE=off " : ""}${process.env.BENCH_OUT ? `BENCH_OUT=${process.env.BENCH_OUT} ` : ""}npm run bench:pages`,
      responseCache: process.env.RESPONSE_CACHE === "off" ? "off" : "on",
      wrkCommand: pages[0]?.command.replace(pages[0].url, "<url>"),
      node: process.version,
      cpu: `${cpus()[0]?.model ?? "?"} × ${cpus().length}`,
      loadAverage: load,
      build: reader.build,
      bareBuild: bare.build,
      goal: GOAL,
      baseline: { name: "bare Next.js prerendered page (bench/bare-next /static)", htmlBytes: sizes[targets[0].name].bytes, requestsPerSecond: +baseline.toFixed(1), before: bareBefore, after: bareAfter },
      pages: rows,
    };
    mkdirSync(join(root, "bench", "results"), { recursive: true });
    writeFileSync(join(root, "bench", "results", process.env.BENCH_OUT ?? "pages.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to bench/results/${process.env.BENCH_OUT ?? "pages.json"}`);
  } finally {
    await reader.stop();
    await bare.stop();
  }
}

await main();
