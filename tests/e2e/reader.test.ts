/**
 * The reader in a real browser (Debian's Chromium through playwright-core), against the built app:
 * navigation, links to blocks, keyboard reading, the language toggle, layout on a phone,
 * printing, self-hosted fonts and accessibility.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { BriefView } from "@/lib/domain/brief";
import { launchBrowser, type TestBrowser } from "../support/browser";
import { scrollSettled } from "../support/page-helpers";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const readerURL = `${baseURL}/briefs/${slug}`;

const SECTION_TITLES = [
  "문제의 제기",
  "일본의 '준동맹'확대 전략",
  "주요 '준동맹'안보협력 사례 분석: 영국, 프랑스, 호주, 필리핀 등",
  "정책적 시사점 및 제언",
];

let browser: TestBrowser;
let brief: BriefView;
const pages: Page[] = [];

beforeAll(async () => {
  const response = await fetch(`${baseURL}/api/briefs/${slug}`);
  expect(response.status).toBe(200);
  brief = (await response.json()) as BriefView;
  browser = await launchBrowser();
});

afterEach(async () => {
  // Each test gets a fresh page and starts from the default (Korean) language.
  await Promise.all(pages.splice(0).map((page) => page.close()));
  await browser.context.clearCookies();
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  pages.push(page);
  return page;
}

function claimIds(): string[] {
  return brief.sections.flatMap((section) => section.blocks.filter((block) => block.kind === "claim").map((block) => block.id));
}

/** The element's box relative to the window, and the bottom edge of the sticky site bar. */
async function placement(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    const bar = document.querySelector(".site-bar");
    if (!element || !bar) throw new Error(`missing ${selector} or .site-bar`);
    const box = element.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, barBottom: bar.getBoundingClientRect().bottom, viewportHeight: window.innerHeight };
  }, selector);
}

describe("reading a brief", () => {
  it("opens the brief from the list and shows its 4 sections, 20 claims and 40 points", async () => {
    const page = await newPage();
    await page.goto(`${baseURL}/`);
    const card = page.locator("li.brief-card", { has: page.locator(`h2 > a[href="/briefs/${slug}"]`) });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator(".brief-card-counts").textContent()).toBe("4개 절 · 주장 20개 · 근거 40개");

    await card.locator("h2 > a").click();
    await page.waitForURL(readerURL);
    await page.locator("h1.brief-title").waitFor();

    expect(await page.locator("section.brief-section h2.brief-section-title").allTextContents()).toEqual(SECTION_TITLES);
    const claims = page.locator("li.brief-claim > p.brief-block-text");
    const points = page.locator("li.brief-point > span.brief-block-text");
    expect(await claims.count()).toBe(20);
    expect(await points.count()).toBe(40);
    const visible = await page.evaluate(() =>
      [...document.querySelectorAll("li.brief-claim > p.brief-block-text, li.brief-point > span.brief-block-text")].filter(
        (element) => element.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && element.getClientRects().length > 0,
      ).length,
    );
    expect(visible).toBe(60);
  });

  it("scrolls a contents link's section to just below the sticky bar and marks the link as current", async () => {
    const page = await newPage();
    await page.goto(readerURL);
    const section = brief.sections[2];
    const link = page.locator(`aside.reader-toc nav.toc ol > li > a[href="#${section.id}"]`);
    expect(await link.getAttribute("aria-current")).toBeNull();

    await link.click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#${section.id}`);
    await scrollSettled(page);

    const heading = await placement(page, `[id="${section.id}"]`);
    expect(heading.top).toBeGreaterThanOrEqual(heading.barBottom - 1);
    expect(heading.top).toBeLessThan(heading.barBottom + 60);
    await expect.poll(() => link.getAttribute("aria-current")).toBe("location");
    expect(await page.locator('nav.toc a[aria-current="location"]').count()).toBe(1);
  });

  it("opens a link to a point with the point scrolled into view and marked as the target", async () => {
    const page = await newPage();
    // A point well down the page, so it has to be scrolled to.
    const point = brief.sections[2].blocks.find((block) => block.kind === "point");
    if (!point) throw new Error("section 3 has no point");
    await page.goto(`${readerURL}#${point.id}`);
    await scrollSettled(page);

    const selector = `[id="${point.id}"]`;
    expect(await page.locator(selector).evaluate((element) => element.matches("li.brief-point:target"))).toBe(true);
    const box = await placement(page, selector);
    expect(box.top).toBeGreaterThanOrEqual(box.barBottom - 1);
    expect(box.bottom).toBeLessThanOrEqual(box.viewportHeight);
    const background = await page
      .locator(`${selector} > span.brief-block-text`)
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
    // Only the target is marked.
    const otherBackground = await page
      .locator("li.brief-point:not(:target) > span.brief-block-text")
      .first()
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(otherBackground).toBe("rgba(0, 0, 0, 0)");
  });

  it("moves between claims with j and k and between sections with ], and opens the shortcuts with ?", async () => {
    const page = await newPage();
    await page.goto(readerURL);
    await page.locator("h1.brief-title").waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    const [first, second] = claimIds();

    const current = () =>
      page.evaluate(() => ({
        hash: decodeURIComponent(location.hash.slice(1)),
        focused: document.activeElement?.id ?? "",
        targeted: document.querySelector(":target")?.id ?? "",
      }));

    // Keys are pressed without waiting for the smooth scroll: each move starts from the target.
    await page.keyboard.press("j");
    await expect.poll(current).toEqual({ hash: first, focused: first, targeted: first });
    await page.keyboard.press("j");
    await expect.poll(current).toEqual({ hash: second, focused: second, targeted: second });
    await page.keyboard.press("k");
    await expect.poll(current).toEqual({ hash: first, focused: first, targeted: first });
    await page.keyboard.press("]");
    const [section1, section2] = brief.sections.map((section) => section.id);
    await expect.poll(current).toEqual({ hash: section2, focused: section2, targeted: section2 });
    await page.keyboard.press("[");
    await expect.poll(current).toEqual({ hash: section1, focused: section1, targeted: section1 });
    await scrollSettled(page);
    const heading = await placement(page, `[id="${section1}"]`);
    expect(heading.top).toBeGreaterThanOrEqual(heading.barBottom - 1);
    expect(heading.bottom).toBeLessThanOrEqual(heading.viewportHeight);

    const dialog = page.locator("dialog.shortcuts");
    expect(await dialog.evaluate((element: HTMLDialogElement) => element.open)).toBe(false);
    await page.keyboard.press("?");
    await expect.poll(() => dialog.evaluate((element: HTMLDialogElement) => element.open)).toBe(true);
    expect(await dialog.isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.evaluate((element: HTMLDialogElement) => element.open)).toBe(false);
  });

  it("reaches the skip link first when tabbing from the top of the page", async () => {
    const page = await newPage();
    await page.goto(readerURL);
    await page.locator("h1.brief-title").waitFor();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLAnchorElement | null;
      const box = element?.getBoundingClientRect();
      return { className: element?.className, href: element?.getAttribute("href"), top: box?.top ?? -1 };
    });
    expect(focused.className).toBe("skip-link");
    expect(focused.href).toBe("#main");
    // Focused, it comes into view.
    expect(focused.top).toBeGreaterThanOrEqual(0);
  });

  it("switches the interface to English and back while the brief stays in Korean", async () => {
    const page = await newPage();
    await page.goto(readerURL);
    const toggle = page.locator("button.lang-toggle");
    const tocTitle = page.locator("nav.toc .toc-title");
    const state = async () => ({
      toc: await tocTitle.textContent(),
      html: await page.evaluate(() => document.documentElement.lang),
      article: await page.locator("article.brief").getAttribute("lang"),
      toggle: await toggle.textContent(),
    });
    expect(await state()).toEqual({ toc: "목차", html: "ko", article: "ko", toggle: "English" });
    const title = await page.locator("h1.brief-title").textContent();

    await toggle.click();
    await expect.poll(state).toEqual({ toc: "Contents", html: "en", article: "ko", toggle: "한국어" });
    expect(await page.locator("h1.brief-title").textContent()).toBe(title);
    expect(await page.locator("section.brief-section h2.brief-section-title").allTextContents()).toEqual(SECTION_TITLES);

    await toggle.click();
    await expect.poll(state).toEqual({ toc: "목차", html: "ko", article: "ko", toggle: "English" });
  });

  it("fits a phone's width without sideways scrolling and shows the contents above the text", async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(readerURL);
    await page.locator("h1.brief-title").waitFor();
    const layout = await page.evaluate(() => {
      const toc = document.querySelector("aside.reader-toc")!.getBoundingClientRect();
      const article = document.querySelector("article.brief")!.getBoundingClientRect();
      return {
        innerWidth: window.innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        toc: { top: toc.top, bottom: toc.bottom, height: toc.height, width: toc.width },
        articleTop: article.top,
      };
    });
    expect(layout.innerWidth).toBe(390);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
    expect(layout.toc.height).toBeGreaterThan(0);
    expect(layout.toc.width).toBeLessThanOrEqual(layout.innerWidth);
    expect(await page.locator("nav.toc ol > li > a").first().isVisible()).toBe(true);
    expect(layout.toc.bottom).toBeLessThanOrEqual(layout.articleTop);
  });

  it("prints the text without the site bar, the contents and the block links", async () => {
    const page = await newPage();
    await page.goto(readerURL);
    await page.locator("h1.brief-title").waitFor();
    const display = () =>
      page.evaluate(() =>
        [".site-bar", ".reader-toc", ".block-anchor", "article.brief"].map(
          (selector) => getComputedStyle(document.querySelector(selector)!).display,
        ),
      );
    const [bar, toc, anchor, article] = await display();
    expect([bar, toc, anchor, article]).not.toContain("none");

    await page.emulateMedia({ media: "print" });
    expect(await display()).toEqual(["none", "none", "none", "block"]);
  });

  it("loads everything, fonts included, from the app's own origin and renders Hangul in Pretendard", async () => {
    const page = await newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(readerURL, { waitUntil: "networkidle" });
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return {
        check: document.fonts.check('16px "Pretendard Variable"', "한국"),
        // check() is also true for a family no @font-face declares, so look for the loaded faces too.
        hangul: ["한", "국"].map((character) => {
          const code = character.codePointAt(0)!;
          return [...document.fonts].some(
            (face) =>
              face.family.replace(/["']/g, "") === "Pretendard Variable" &&
              face.status === "loaded" &&
              face.unicodeRange.split(",").some((range) => {
                const [from, to = from] = range.trim().replace(/^U\+/i, "").split("-").map((hex) => parseInt(hex, 16));
                return from <= code && code <= to;
              }),
          );
        }),
        bodyFamily: getComputedStyle(document.querySelector("p.brief-block-text")!).fontFamily,
      };
    });

    const origin = new URL(baseURL).origin;
    const network = requests.filter((url) => !url.startsWith("data:") && !url.startsWith("blob:"));
    expect(network.length).toBeGreaterThan(0);
    expect(network.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(network.some((url) => /\.woff2(\?|$)/.test(url))).toBe(true);
    expect(fonts.check).toBe(true);
    expect(fonts.hangul).toEqual([true, true]);
    expect(fonts.bodyFamily).toMatch(/^"Pretendard Variable"/);
  });
});

describe("accessibility", () => {
  async function seriousViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.target.join(" ")) }));
  }

  it("finds no serious or critical axe violations on the reader", async () => {
    const page = await newPage();
    await page.goto(readerURL);
    await page.locator("h1.brief-title").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("finds no serious or critical axe violations on the list of briefs", async () => {
    const page = await newPage();
    await page.goto(`${baseURL}/`);
    await page.locator("li.brief-card").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
