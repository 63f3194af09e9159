/**
 * Page speed: time to first byte and largest contentful paint of the reader page in Chromium on
 * loopback, over cold loads (HTTP cache off, a fresh tab each), against a bare Next.js page
 * (bench/bare-next, rendered per request like the reader) measured in the same run, the loads
 * taking turns so that the machine's other load falls on both alike.
 *
 * Run: npm run bench:speed   (needs a build in .next/; writes bench/results/page-speed.json)
 * BENCH_SPEED_LOADS=5 npm run bench:speed   for a quick check (the recorded figures use 20).
 * BENCH_SPEED_COMPARE=<folder> adds the reader as another checkout of the app serves it (built,
 * with its node_modules), in the same turns: how a change moved the figures, measured in one run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { launchBrowser } from "../tests/support/browser";
import { type LoadTiming, measureLoadTiming } from "../tests/support/page-load";
import { root, serveBareNext, serveReader } from "./built-app";

const READER = "/briefs/japan-quasi-alliance";
const LOADS = Number(process.env.BENCH_SPEED_LOADS) || 20;
const WARMUP = 3;

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (value: number) => +value.toFixed(1);

function summary(timings: LoadTiming[], key: keyof LoadTiming) {
  const values = timings.map((timing) => timing[key]);
  return { p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), min: round(Math.min(...values)), max: round(Math.max(...values)) };
}

async function main() {
  const reader = await serveReader();
  const bare = await serveBareNext();
  const compareDir = process.env.BENCH_SPEED_COMPARE;
  const other = compareDir ? await serveReader(compareDir) : undefined;
  const browser = await launchBrowser();
  try {
    const pages = [
      { name: "reader", url: `${reader.baseURL}${READER}` },
      { name: "bare Next.js page", url: `${bare.baseURL}/` },
      ...(other ? [{ name: `reader, other checkout`, url: `${other.baseURL}${READER}` }] : []),
    ];
    // Untimed: the first renders of a freshly started server pay for loading its code.
    for (let index = 0; index < WARMUP; index++) for (const page of pages) await measureLoadTiming(browser.context, page.url);
    const timings = new Map<string, LoadTiming[]>(pages.map((page) => [page.name, []]));
    for (let index = 0; index < LOADS; index++) {
      for (const page of index % 2 === 0 ? pages : [...pages].reverse()) timings.get(page.name)?.push(await measureLoadTiming(browser.context, page.url));
    }
    const results = pages.map((page) => {
      const loads = timings.get(page.name) ?? [];
      return { name: page.name, path: new URL(page.url).pathname, loads: loads.length, ttfbMs: summary(loads, "ttfbMs"), lcpMs: summary(loads, "lcpMs"), loadMs: summary(loads, "loadMs"), raw: loads };
    });
    const [readerResult, bareResult] = results;
    const ratio = (key: "ttfbMs" | "lcpMs", p: "p50" | "p95") => +(readerResult[key][p] / bareResult[key][p]).toFixed(2);
    console.table(
      results.map((result) => ({
        page: result.name,
        loads: result.loads,
        "TTFB p50": result.ttfbMs.p50,
        "TTFB p95": result.ttfbMs.p95,
        "LCP p50": result.lcpMs.p50,
        "LCP p95": result.lcpMs.p95,
        "load p50": result.loadMs.p50,
      })),
    );
    const ratios = { ttfbP50: ratio("ttfbMs", "p50"), ttfbP95: ratio("ttfbMs", "p95"), lcpP50: ratio("lcpMs", "p50"), lcpP95: ratio("lcpMs", "p95") };
    console.log("reader ÷ bare:", ratios);
    const otherResult = results[2];
    const versusOther = otherResult
      ? {
          checkout: compareDir,
          build: other?.build,
          ttfbP50: +(readerResult.ttfbMs.p50 / otherResult.ttfbMs.p50).toFixed(2),
          ttfbP95: +(readerResult.ttfbMs.p95 / otherResult.ttfbMs.p95).toFixed(2),
          lcpP50: +(readerResult.lcpMs.p50 / otherResult.lcpMs.p50).toFixed(2),
          lcpP95: +(readerResult.lcpMs.p95 / otherResult.lcpMs.p95).toFixed(2),
          otherOverBare: { ttfbP50: +(otherResult.ttfbMs.p50 / bareResult.ttfbMs.p50).toFixed(2), lcpP50: +(otherResult.lcpMs.p50 / bareResult.lcpMs.p50).toFixed(2) },
        }
      : undefined;
    if (versusOther) console.log("reader ÷ reader of the other checkout:", versusOther);

    const output = {
      date: new Date().toISOString(),
      node: process.version,
      machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
      build: reader.build,
      bareBuild: bare.build,
      browser: browser.context.browser()?.version() ?? "chromium",
      method: {
        loadsPerPage: LOADS,
        warmupLoadsPerPage: WARMUP,
        order: "alternating, reader first on even rounds, bare first on odd ones",
        cold: "a fresh tab per load with the HTTP cache off (CDP Network.setCacheDisabled); same browser process",
        ttfb: "PerformanceNavigationTiming.responseStart (ms since navigation start)",
        lcp: "last largest-contentful-paint entry's startTime after load and document.fonts.ready",
        percentiles: "nearest rank",
      },
      readerOverBare: ratios,
      ...(versusOther ? { readerOverOtherCheckout: versusOther } : {}),
      pages: results,
    };
    mkdirSync(join(root, "bench", "results"), { recursive: true });
    writeFileSync(join(root, "bench", "results", "page-speed.json"), `${JSON.stringify(output, null, 2)}\n`);
    console.log("written: bench/results/page-speed.json");
  } finally {
    await browser.close();
    await Promise.all([reader.stop(), bare.stop(), other?.stop()]);
  }
}

await main();
