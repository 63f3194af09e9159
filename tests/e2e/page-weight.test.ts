/**
 * The reader's first-load JavaScript stays within its budget: 200 kB gzip (level 9), measured in
 * Chromium from what the page loads, the way bench/page-weight.ts measures it
 * (tests/support/page-load.ts). What the first paint does not need comes later, on demand.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type TestBrowser } from "../support/browser";
import { coldPage, FIRST_LOAD_JS_BUDGET, measureFirstLoadJs } from "../support/page-load";

const baseURL = inject("baseURL");
const readerURL = `${baseURL}/briefs/japan-quasi-alliance`;

let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
  browser.context.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
});

describe("the reader's JavaScript", () => {
  it(`is at most ${FIRST_LOAD_JS_BUDGET / 1000} kB gzip on first load, noModule polyfills left out`, async () => {
    const first = await measureFirstLoadJs(browser.context, readerURL);
    const listing = first.scripts.map((script) => `${script.path} ${(script.gzipBytes / 1000).toFixed(1)} kB`).join("\n");
    expect(first.scripts.length, "scripts were recorded").toBeGreaterThan(3);
    expect(first.gzipBytes, `first-load JavaScript, gzip level 9:\n${listing}`).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
  });

  it("loads the side panel's code only when a mention is opened, and then shows the panel", async () => {
    const page = await coldPage(browser.context);
    const scripts: string[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(new URL(response.url()).pathname);
    });
    await page.goto(readerURL, { waitUntil: "networkidle" });
    const firstLoad = new Set(scripts);
    await page.locator("a.mention").first().click();
    await page.locator("aside.side-panel #side-panel-title").waitFor();
    expect(scripts.filter((path) => !firstLoad.has(path)).length, "chunks fetched on opening the panel").toBeGreaterThan(0);
    await page.close();
  });
});
