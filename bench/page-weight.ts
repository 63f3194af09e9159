/**
 * Page weight: the JavaScript the reader page loads on first load in Chromium, gzipped (level 9)
 * and summed, against a bare Next.js page (bench/bare-next, built with the same Next and React)
 * and against this app's own shell (its not-found page: the root layout and nothing else),
 * measured in the same run. `noModule` polyfills are left out: modern browsers never load them.
 *
 * Run: npm run bench:weight   (needs a build in .next/; writes bench/results/page-weight.json)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { BrowserContext } from "playwright-core";
import { launchBrowser } from "../tests/support/browser";
import { coldPage, FIRST_LOAD_JS_BUDGET, type FirstLoadJs, GZIP_LEVEL, measureFirstLoadJs } from "../tests/support/page-load";
import { root, serveBareNext, serveReader } from "./built-app";

const READER = "/briefs/japan-quasi-alliance";
/** Repeats per page: the sums must not change between loads (they are bytes, not times). */
const LOADS = 3;

const kB = (bytes: number) => +(bytes / 1000).toFixed(1);

interface PageWeight {
  name: string;
  path: string;
  loads: number;
  /** Distinct totals seen over the loads (one, unless the page loads different code each time). */
  gzipTotals: number[];
  first: FirstLoadJs;
}

/** The JavaScript the reader fetches on top of its first load when a mention's side panel is opened. */
async function onDemandJs(context: BrowserContext, url: string): Promise<{ scripts: number; gzipBytes: number }> {
  const page = await coldPage(context);
  const bodies: Promise<number>[] = [];
  let opened = false;
  page.on("response", (response) => {
    if (!opened || response.request().resourceType() !== "script") return;
    bodies.push(response.body().then((body) => gzipSync(body, { level: GZIP_LEVEL }).byteLength));
  });
  try {
    await page.goto(url, { waitUntil: "networkidle" });
    opened = true;
    await page.locator("a.mention").first().click();
    await page.locator("aside.side-panel #side-panel-title").waitFor();
    await page.waitForLoadState("networkidle");
    const sizes = await Promise.all(bodies);
    return { scripts: sizes.length, gzipBytes: sizes.reduce((total, size) => total + size, 0) };
  } finally {
    await page.close();
  }
}

async function main() {
  const reader = await serveReader();
  const bare = await serveBareNext();
  const browser = await launchBrowser();
  try {
    const pages = [
      { name: "reader", base: reader.baseURL, path: READER },
      { name: "app shell (not-found page)", base: reader.baseURL, path: "/_not-found" },
      { name: "agreements", base: reader.baseURL, path: "/agreements" },
      { name: "account", base: reader.baseURL, path: "/account" },
      { name: "bare Next.js page", base: bare.baseURL, path: "/" },
    ];
    const results: PageWeight[] = [];
    for (const page of pages) {
      const loads: FirstLoadJs[] = [];
      for (let index = 0; index < LOADS; index++) loads.push(await measureFirstLoadJs(browser.context, `${page.base}${page.path}`));
      results.push({ name: page.name, path: page.path, loads: LOADS, gzipTotals: [...new Set(loads.map((load) => load.gzipBytes))], first: loads[0] });
    }
    const byName = (name: string) => results.find((result) => result.name === name)?.first as FirstLoadJs;
    const readerJs = byName("reader");
    const bareJs = byName("bare Next.js page");
    const shellJs = byName("app shell (not-found page)");

    console.table(
      results.map((result) => ({
        page: result.name,
        scripts: result.first.scripts.length,
        "raw kB": kB(result.first.bytes),
        [`gzip-${GZIP_LEVEL} kB`]: kB(result.first.gzipBytes),
        "on the wire kB": kB(result.first.transferredBytes),
        "÷ bare": +(result.first.gzipBytes / bareJs.gzipBytes).toFixed(3),
        "same every load": result.gzipTotals.length === 1,
      })),
    );
    console.log(`reader: ${kB(readerJs.gzipBytes)} kB gzip (budget ${kB(FIRST_LOAD_JS_BUDGET)} kB): ${readerJs.gzipBytes <= FIRST_LOAD_JS_BUDGET ? "within" : "OVER"} budget`);
    console.table(readerJs.scripts.map((script) => ({ path: script.path, "raw kB": kB(script.bytes), "gzip kB": kB(script.gzipBytes) })));
    const sidePanel = await onDemandJs(browser.context, `${reader.baseURL}${READER}`);
    console.log(`on demand, opening a mention's side panel: ${sidePanel.scripts} more scripts, ${kB(sidePanel.gzipBytes)} kB gzip`);

    const output = {
      date: new Date().toISOString(),
      node: process.version,
      machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
      build: reader.build,
      bareBuild: bare.build,
      browser: browser.context.browser()?.version() ?? "chromium",
      method: {
        gzipLevel: GZIP_LEVEL,
        kB: 1000,
        counted: "every response of resource type script with status 200 until the network is idle for 500 ms, HTTP cache off, nothing clicked",
        excluded: "script[nomodule] URLs",
        loadsPerPage: LOADS,
      },
      budgetBytes: FIRST_LOAD_JS_BUDGET,
      withinBudget: readerJs.gzipBytes <= FIRST_LOAD_JS_BUDGET,
      readerOverBare: +(readerJs.gzipBytes / bareJs.gzipBytes).toFixed(3),
      readerOverShell: +(readerJs.gzipBytes / shellJs.gzipBytes).toFixed(3),
      readerMinusBareBytes: readerJs.gzipBytes - bareJs.gzipBytes,
      onDemand: { "reader, opening a mention's side panel": sidePanel },
      pages: results.map((result) => ({
        name: result.name,
        path: result.path,
        loads: result.loads,
        sameEveryLoad: result.gzipTotals.length === 1,
        scripts: result.first.scripts.length,
        bytes: result.first.bytes,
        gzipBytes: result.first.gzipBytes,
        transferredBytes: result.first.transferredBytes,
        noModule: result.first.noModule.map((url) => new URL(url).pathname),
        files: result.first.scripts,
      })),
    };
    mkdirSync(join(root, "bench", "results"), { recursive: true });
    writeFileSync(join(root, "bench", "results", "page-weight.json"), `${JSON.stringify(output, null, 2)}\n`);
    console.log("written: bench/results/page-weight.json");
  } finally {
    await browser.close();
    await Promise.all([reader.stop(), bare.stop()]);
  }
}

await main();
