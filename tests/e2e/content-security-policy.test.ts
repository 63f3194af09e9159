/**
 * The Content-Security-Policy in a real browser: the app's pages run under it without a single
 * violation or console error (signed out and signed in, with the toolbar, the notes panel and the
 * side panel open), and script that reaches a page any other way is refused.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type TestBrowser } from "../support/browser";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const readerURL = `${baseURL}/briefs/${slug}`;
const stamp = Date.now().toString(36);

let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
  browser.context.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
});

interface Watched {
  page: Page;
  /** CSP violations the page reported, as "directive blocked-uri". */
  violations(): Promise<string[]>;
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

/** A new tab that records CSP violations (from the first byte on) and console errors. */
async function watchedPage(): Promise<Watched> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  // Runs through the DevTools protocol, not as page script, so the policy does not apply to it.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  page.on("console", (message) => {
    // Chromium asks every site for /favicon.ico; this app has none, and that 404 is no policy's doing.
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return { page, errors, violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations) };
}

async function expectClean(watched: Watched, where: string) {
  expect(await watched.violations(), `CSP violations on ${where}`).toEqual([]);
  expect(watched.errors, `console errors on ${where}`).toEqual([]);
}

describe("the app under its Content-Security-Policy", () => {
  it("reports no violation and no console error on the reader, the agreements and an agreement, signed out", async () => {
    for (const path of [`/briefs/${slug}`, `/briefs/${slug}?entity=raa-jp-gb`, "/agreements", "/agreements/raa-jp-gb", "/"]) {
      const watched = await watchedPage();
      await watched.page.goto(`${baseURL}${path}`, { waitUntil: "networkidle" });
      await expectClean(watched, path);
      await watched.page.close();
    }
  });

  it("signs up on the account page and uses the reader's toolbar, notes panel and side panel without a violation", async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await page.goto(`${baseURL}/account?next=/briefs/${slug}`, { waitUntil: "networkidle" });
    await expectClean(watched, "the account page");
    await page.getByRole("button", { name: "계정이 없나요? 가입하기" }).click();
    await page.getByLabel("이름").fill(`Csp ${stamp}`);
    await page.getByLabel("이메일").fill(`csp-${stamp}@example.org`);
    await page.getByLabel("비밀번호 (10자 이상)").fill("correct horse battery");
    await page.getByRole("button", { name: "가입하기", exact: true }).click();
    await page.waitForURL(readerURL);

    // Select a claim's first words: the toolbar is placed with inline styles set from script.
    await page.locator(".notes-toggle").waitFor();
    await page.evaluate(() => {
      const claim = document.querySelector("li.brief-claim > p.brief-block-text");
      if (!claim) throw new Error("no claim");
      const walker = document.createTreeWalker(claim, NodeFilter.SHOW_TEXT);
      let text = walker.nextNode() as Text | null;
      while (text && text.data.length < 8) text = walker.nextNode() as Text | null;
      if (!text) throw new Error("no text of 8 characters in the first claim");
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 8);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    });
    await page.getByRole("toolbar").getByRole("button", { name: "하이라이트" }).click();
    await page.locator(".notes-toggle").click();
    await page.locator("#notes-panel .note").first().waitFor();
    await page.locator("a.mention").first().click();
    await page.locator(".side-panel-body").waitFor();
    await expectClean(watched, "the reader, signed in");
    await page.close();
  });
});

describe("script that reaches a page any other way", () => {
  it("is refused: injected markup's inline script (with or without a guessed nonce), event handler, javascript: link and foreign script", async () => {
    const watched = await watchedPage();
    const { page } = watched;
    // A stored-XSS stand-in: markup slipped into the server's HTML, as if a bug had let it through.
    await page.route(readerURL, async (route) => {
      const response = await route.fetch();
      const injected = [
        "<script>window.injectedInline = true</script>",
        '<script nonce="AAAAAAAAAAAAAAAAAAAAAA==">window.injectedGuessedNonce = true</script>',
        '<img src="data:," onerror="window.injectedHandler = true" alt="">',
        '<script src="http://attacker.example/x.js"></script>',
        '<a id="injected-link" href="javascript:window.injectedLink = true">injected</a>',
      ].join("");
      await route.fulfill({ response, body: (await response.text()).replace("</body>", `${injected}</body>`) });
    });
    await page.goto(readerURL, { waitUntil: "networkidle" });
    await page.locator("#injected-link").click();

    const ran = await page.evaluate(() => {
      const flags = window as unknown as Record<string, unknown>;
      return ["injectedInline", "injectedGuessedNonce", "injectedHandler", "injectedLink"].filter((name) => flags[name] !== undefined);
    });
    expect(ran).toEqual([]);
    // Each refusal is reported: two inline scripts and the javascript: link (script-src-elem), the
    // handler (script-src-attr), the foreign script by its URL.
    await expect.poll(async () => (await watched.violations()).filter((violation) => violation === "script-src-elem inline").length).toBe(3);
    const violations = await watched.violations();
    expect(violations).toContain("script-src-attr inline");
    expect(violations).toContain("script-src-elem http://attacker.example/x.js");

    // The page's own scripts still ran: the keyboard help opens.
    await page.keyboard.press("?");
    await page.getByRole("dialog").waitFor();
    await page.close();
  });
});
