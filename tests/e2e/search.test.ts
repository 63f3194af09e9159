/**
 * Search in the browser: the ⌘K / Ctrl-K palette on the reader (type `RAA`, choose the
 * Japan–Philippines record with the arrow keys, land on the sentence that states it), Escape
 * giving focus back, a note result opening the notes panel at the note, the palette's code
 * loaded only when first opened, and the header's search box leading to the /search page.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView } from "@/lib/domain/brief";
import { launchBrowser, type TestBrowser } from "../support/browser";
import { scrollSettled } from "../support/page-helpers";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const readerURL = `${baseURL}/briefs/${slug}`;
const stamp = `zq${Date.now().toString(36)}`;

let browser: TestBrowser;
let brief: BriefView;
const pages: Page[] = [];

beforeAll(async () => {
  brief = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
  browser = await launchBrowser();
  browser.context.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  pages.push(page);
  return page;
}

/** Presses Ctrl-K until the palette is open (the key does nothing before the page is hydrated). */
async function openPalette(page: Page): Promise<void> {
  const palette = page.locator("dialog.palette[open]");
  for (let attempt = 0; attempt < 20 && (await palette.count()) === 0; attempt++) {
    await page.keyboard.press("Control+k");
    await palette.waitFor({ timeout: 500 }).catch(() => undefined);
  }
  await palette.waitFor();
}

function blockStating(words: string): string {
  const block = brief.sections.flatMap((section) => section.blocks).find((item) => item.text.includes(words));
  if (!block) throw new Error(`no block says ${words}`);
  return block.id;
}

describe("the ⌘K palette", () => {
  it("jumps from RAA to the sentence that states the Japan–Philippines RAA", async () => {
    const page = await newPage();
    await page.goto(readerURL);
    await page.locator("h1.brief-title").waitFor();
    await openPalette(page);

    const input = page.getByRole("combobox");
    await expect.poll(() => input.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type("RAA");
    const record = page.locator('[role="option"][data-href*="#"]', { hasText: "일본–필리핀 상호접근협정(RAA)" });
    await record.waitFor();
    // Results are grouped under headings, in a listbox the input controls.
    const listId = await input.getAttribute("aria-controls");
    expect(await page.locator(`[id="${listId}"][role="listbox"] [role="group"]`).count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[role="listbox"] [role="group"]', { hasText: "개체와 협정 기록" }).count()).toBe(1);

    // Arrow down to the record: the input keeps focus, aria-activedescendant follows.
    const options = page.locator('[role="option"]');
    const ids = await options.evaluateAll((elements) => elements.map((element) => element.id));
    const wanted = await record.getAttribute("id");
    const steps = ids.indexOf(wanted as string);
    expect(steps).toBeGreaterThan(0);
    for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowDown");
    expect(await input.getAttribute("aria-activedescendant")).toBe(wanted);
    expect(await record.getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("Enter");

    const blockId = blockStating("2024년 7월 일본과 필리핀은 RAA에 서명");
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#${blockId}`);
    expect(new URL(page.url()).pathname).toBe(`/briefs/${slug}`);
    await scrollSettled(page);
    const landed = await page.evaluate((id) => {
      const element = document.getElementById(id);
      const box = element?.getBoundingClientRect();
      return {
        target: document.querySelector(":target")?.id ?? "",
        inView: !!box && box.top >= 0 && box.bottom <= window.innerHeight,
        text: element?.textContent ?? "",
        paletteOpen: !!document.querySelector("dialog.palette[open]"),
      };
    }, blockId);
    expect(landed).toMatchObject({ target: blockId, inView: true, paletteOpen: false });
    expect(landed.text).toContain("RAA에 서명");

    // It opens again after a jump within the page.
    await openPalette(page);
    await page.keyboard.press("Escape");
  });

  it("closes on Escape and gives focus back to where it was", async () => {
    const page = await newPage();
    await page.goto(readerURL);
    const box = page.locator("#site-search-q");
    await box.focus();
    await openPalette(page);
    await page.keyboard.type("호주");
    await page.locator('[role="option"]').first().waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("dialog.palette[open]").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("site-search-q");
  });

  it("is not in the page's first load: its code arrives when it is first opened", async () => {
    const page = await newPage();
    const scripts: string[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.url());
    });
    await page.goto(readerURL);
    await page.waitForLoadState("networkidle");
    const before = [...scripts];
    const bodies = async (urls: string[]) => Promise.all(urls.map(async (url) => (await fetch(url)).text()));
    // A class name only the palette's module uses.
    expect((await bodies(before)).some((body) => body.includes("palette-heading"))).toBe(false);
    await openPalette(page);
    await page.waitForLoadState("networkidle");
    const added = scripts.filter((url) => !before.includes(url));
    expect(added.length).toBeGreaterThan(0);
    expect((await bodies(added)).some((body) => body.includes("palette-heading"))).toBe(true);
  });

  it("opens a note result in the reader with the notes panel at the note", async () => {
    const page = await newPage();
    const account = { email: `searcher-${stamp}@example.org`, password: "correct horse battery" };
    const signUp = await browser.context.request.post(`${baseURL}/api/auth/sign-up/email`, { data: { name: "검색자", ...account }, headers: { origin: baseURL } });
    expect(signUp.status()).toBe(200);
    // Sign-up never signs in (its answer must not tell whether the address had an account).
    expect((await browser.context.request.post(`${baseURL}/api/auth/sign-in/email`, { data: account, headers: { origin: baseURL } })).status()).toBe(200);
    const block = brief.sections[1].blocks[0];
    const exact = Array.from(block.text).slice(0, 6).join("");
    let start = 0;
    for (const item of brief.sections.flatMap((section) => section.blocks)) {
      if (item.id === block.id) break;
      start += Array.from(item.text).length + 1;
    }
    const created = await browser.context.request.post(`${baseURL}/api/annotations`, {
      data: { brief: slug, target: { blockId: block.id, quote: { exact }, position: { start, end: start + 6 } }, body: `찾을 메모 ${stamp}`, visibility: "private" },
      headers: { origin: baseURL },
    });
    expect(created.status()).toBe(201);
    const note = (await created.json()) as Annotation;

    await page.goto(`${baseURL}/`);
    await openPalette(page);
    await page.keyboard.type(stamp);
    const option = page.locator('[role="option"]', { hasText: `찾을 메모 ${stamp}` });
    await option.waitFor();
    await option.click();
    await page.waitForURL((url) => url.searchParams.get("note") === note.id);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#${block.id}`);
    const item = page.locator(`#notes-panel [data-annotation="${note.id}"]`);
    await item.waitFor();
    await expect.poll(() => item.evaluate((element) => element.classList.contains("note-selected"))).toBe(true);
    expect(await page.locator("#notes-panel li.note").count()).toBe(1);
    expect(await page.evaluate(() => document.querySelector(":target")?.id)).toBe(block.id);
  });

  it("has no serious or critical axe violations while open with results", async () => {
    const page = await newPage();
    await page.goto(readerURL);
    await openPalette(page);
    await page.keyboard.type("호주");
    await page.locator('[role="option"]').first().waitFor();
    const results = await new AxeBuilder({ page }).include("dialog.palette").analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => violation.id)).toEqual([]);
  });
});

describe("the header's search box and the /search page", () => {
  it("submits to /search and shows grouped results with marked matches", async () => {
    const page = await newPage();
    await page.goto(`${baseURL}/agreements`);
    await page.locator("#site-search-q").fill("호주와");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === "호주와");
    expect(await page.locator("h1").textContent()).toContain("호주와");
    const headings = await page.locator(".search-group h2").allTextContents();
    expect(headings.map((heading) => heading.split(" ")[0])).toEqual(["본문", "개체와", "노트"]);
    const marks = await page.locator("#search-text-title ~ ol mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(["호주"]));

    // A text result goes to its sentence in the reader.
    const first = page.locator("#search-text-title ~ ol a.search-result-link").first();
    const href = (await first.getAttribute("href")) as string;
    expect(href).toMatch(/^\/briefs\/[a-z0-9-]+#[a-z]-[a-z0-9]+$/);
    await first.click();
    await page.waitForURL(`${baseURL}${href}`);
    await scrollSettled(page);
    expect(await page.evaluate(() => document.querySelector(":target")?.id)).toBe(href.split("#")[1]);
  });

  it("has no serious or critical axe violations on the /search page", async () => {
    const page = await newPage();
    await page.goto(`${baseURL}/search?q=${encodeURIComponent("Australia")}`);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => violation.id)).toEqual([]);
  });

  it("renders the results on the server: the page works without script", async () => {
    const html = await (await fetch(`${baseURL}/search?q=${encodeURIComponent("Australia")}`)).text();
    expect(html).toContain('action="/search"');
    expect(html).toMatch(/<mark>호주<\/mark>/);
    expect(html).toContain(`href="/briefs/${slug}?entity=au"`);
    // Anonymous: an invitation to sign in for notes, never notes.
    expect(html).toContain("로그인하면 노트도 찾습니다.");
  });
});
