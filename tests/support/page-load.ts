/**
 * What a page costs a browser on first load, measured in Chromium from what it actually loads:
 * the JavaScript responses (gzipped here, so the figure does not depend on the server's
 * compression settings) and the timings the page itself reports (navigation timing, largest
 * contentful paint). Shared by the page-weight test and the page benchmarks, so both measure the
 * same way.
 */
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page, Response } from "playwright-core";

/**
 * zlib level 9, the most gzip can do: a figure that does not depend on how the server compresses.
 * (`next start` serves gzip at zlib's default, level 6, through the `compression` middleware; its
 * bytes on the wire are recorded alongside as `transferredBytes`.)
 */
export const GZIP_LEVEL = 9;

/** The reader's budget for first-load JavaScript: 200 kB (SI, 200,000 bytes), gzip level 9. */
export const FIRST_LOAD_JS_BUDGET = 200_000;

export interface ScriptLoad {
  /** The path (and query) on the app's origin. */
  path: string;
  /** Decoded size of the body. */
  bytes: number;
  /** The body gzipped at GZIP_LEVEL. */
  gzipBytes: number;
  /** What came over the wire (the server's own compression), as Chromium counted it. */
  transferredBytes: number;
}

export interface FirstLoadJs {
  url: string;
  scripts: ScriptLoad[];
  /** `<script nomodule>` URLs on the page: polyfills modern browsers skip, left out of the sums. */
  noModule: string[];
  bytes: number;
  gzipBytes: number;
  transferredBytes: number;
}

/** A fresh tab with the HTTP cache switched off, so every load is a cold one. */
export async function coldPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  return page;
}

/**
 * Loads `url` in a cold tab and records every JavaScript response of the first load (until the
 * network has been idle for 500 ms): script tags, preloads and the chunks scripts load themselves.
 * Nothing is clicked, so code loaded on interaction is not counted.
 */
export async function measureFirstLoadJs(context: BrowserContext, url: string): Promise<FirstLoadJs> {
  const page = await coldPage(context);
  const origin = new URL(url).origin;
  const pending: Promise<ScriptLoad | null>[] = [];
  const seen = new Set<string>();
  const record = async (response: Response): Promise<ScriptLoad | null> => {
    const body = await response.body().catch(() => null);
    if (!body) return null;
    const sizes = await response.request().sizes().catch(() => null);
    const at = new URL(response.url());
    return {
      path: at.origin === origin ? `${at.pathname}${at.search}` : at.href,
      bytes: body.byteLength,
      gzipBytes: gzipSync(body, { level: GZIP_LEVEL }).byteLength,
      transferredBytes: sizes?.responseBodySize ?? body.byteLength,
    };
  };
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script" || response.status() !== 200 || seen.has(response.url())) return;
    seen.add(response.url());
    pending.push(record(response));
  });
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    const noModule = await page.evaluate(() => [...document.querySelectorAll<HTMLScriptElement>("script[nomodule][src]")].map((script) => script.src));
    const loads = (await Promise.all(pending)).filter((load): load is ScriptLoad => load !== null);
    const scripts = loads.filter((load) => !noModule.includes(new URL(load.path, origin).href)).sort((a, b) => b.gzipBytes - a.gzipBytes);
    const sum = (key: "bytes" | "gzipBytes" | "transferredBytes") => scripts.reduce((total, script) => total + script[key], 0);
    return { url, scripts, noModule, bytes: sum("bytes"), gzipBytes: sum("gzipBytes"), transferredBytes: sum("transferredBytes") };
  } finally {
    await page.close();
  }
}

export interface LoadTiming {
  /** Navigation timing `responseStart`: ms from the start of navigation to the first byte of the page. */
  ttfbMs: number;
  /** The last `largest-contentful-paint` entry's time, once the page has loaded and its fonts are in. */
  lcpMs: number;
  /** Navigation timing `loadEventEnd`. */
  loadMs: number;
}

/** Loads `url` in a cold tab and reads the timings the page reports about itself. */
export async function measureLoadTiming(context: BrowserContext, url: string): Promise<LoadTiming> {
  const page = await coldPage(context);
  try {
    await page.goto(url, { waitUntil: "load" });
    return await page.evaluate(async () => {
      await document.fonts.ready;
      const lcp = await new Promise<number>((done) => {
        let last = 0;
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) last = entry.startTime;
        });
        observer.observe({ type: "largest-contentful-paint", buffered: true });
        // Buffered entries arrive in the observer's first callback; two frames and a little more is plenty.
        setTimeout(() => {
          for (const entry of observer.takeRecords()) last = entry.startTime;
          observer.disconnect();
          done(last);
        }, 300);
      });
      const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { ttfbMs: navigation.responseStart, lcpMs: lcp, loadMs: navigation.loadEventEnd };
    });
  } finally {
    await page.close();
  }
}
