/**
 * The reading and annotating loop at 1440×900 and 390×844 (issue 13): panels beside or below the
 * text and never over the sentence (measured with bounding boxes), the header on a phone, the
 * selection toolbar on screen and clear of the selection, keyboard-only selection and note, focus
 * after jumps and saves, Escape closing the topmost layer, margin markers, the language, the
 * account page, the timeline's order, the palette's ranking, print, exports, imports and Zotero;
 * axe with no serious or critical violation in each state.
 */
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView } from "@/lib/domain/brief";
import { CHROMIUM } from "../support/browser";
import { scrollSettled, selectInBlock } from "../support/page-helpers";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const readerURL = `${baseURL}/briefs/${slug}`;
const stamp = `loop${Date.now().toString(36)}`;

const SIZES = [
  { name: "desktop", viewport: { width: 1440, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

let brief: BriefView;
// One browser, a fresh context (cookie jar, size, language) per reader in each test.
let browser: Browser;
/** Two accounts, signed up once (sign-ups are rate-limited): the reader and a colleague. */
type Who = "reader" | "colleague";
const sessions: Partial<Record<Who, Awaited<ReturnType<BrowserContext["storageState"]>>>> = {};
const names: Record<Who, string> = { reader: `reader${stamp}`, colleague: `colleague${stamp}` };

beforeAll(async () => {
  brief = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
  for (const who of ["reader", "colleague"] as const) {
    const context = await browser.newContext();
    const response = await context.request.post(`${baseURL}/api/auth/sign-up/email`, {
      data: { name: names[who], email: `${names[who]}@example.org`, password: "correct horse battery" },
      headers: { origin: baseURL },
    });
    expect(response.status()).toBe(200);
    // A sign-up never signs in (its answer must not tell whether the address had an account).
    const signedIn = await context.request.post(`${baseURL}/api/auth/sign-in/email`, {
      data: { email: `${names[who]}@example.org`, password: "correct horse battery" },
      headers: { origin: baseURL },
    });
    expect(signedIn.status()).toBe(200);
    sessions[who] = await context.storageState();
    await context.close();
  }
});

afterAll(async () => {
  await browser?.close();
});

const blocks = () => brief.sections.flatMap((section) => section.blocks);
const blockWith = (words: string) => {
  const found = blocks().find((block) => block.text.includes(words));
  if (!found) throw new Error(`no block says ${words}`);
  return found;
};

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** A fresh context at a size, signed in as the reader (or `as` someone, or nobody with `signedOut`). */
async function contextAt(viewport: { width: number; height: number }, options: { as?: Who; signedOut?: boolean; lang?: "ko" | "en" } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: "ko-KR", storageState: options.signedOut ? undefined : sessions[options.as ?? "reader"] });
  context.setDefaultTimeout(10_000);
  if (options.lang) await context.addCookies([{ name: "lang", value: options.lang, url: baseURL }]);
  return context;
}

/** Selects `text` in the block, as a reader's drag would (scrolled into view first). */
const select = selectInBlock;

/** Boxes of the block's own text, the site bar, the open panel (if any) and the window. */
async function layout(page: Page, blockId: string) {
  return page.evaluate((id) => {
    const box = (element: Element | null) => {
      if (!element) return null;
      const rect = element.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
    };
    return {
      block: box(document.getElementById(id)?.querySelector(":scope > .brief-block-text") ?? null) as Box,
      article: box(document.querySelector("article.brief")) as Box,
      bar: box(document.querySelector(".site-bar")) as Box,
      panel: box(document.querySelector(".notes-panel, .side-panel")),
      width: window.innerWidth,
      height: window.innerHeight,
    };
  }, blockId);
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(" ")) }));
}

const activeBlockId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest("li.brief-claim, li.brief-point")?.id ?? document.activeElement?.id ?? "");

describe.each(SIZES)("at $name size ($viewport.width×$viewport.height)", ({ name, viewport }) => {
  const wide = viewport.width >= 1200;

  it("opens the entity panel without covering the text, and a jump from it lands in view with focus (the sheet closes on a phone)", async () => {
    const context = await contextAt(viewport, { signedOut: true });
    const page = await context.newPage();
    await page.goto(`${readerURL}?entity=gb`);
    const panel = page.locator("aside.side-panel");
    await panel.locator("#side-panel-title").waitFor();
    const first = await layout(page, blocks()[0].id);
    if (wide) {
      // Beside: the whole text column is left of the panel.
      expect(first.article.right).toBeLessThanOrEqual((first.panel as Box).left);
    } else {
      // Below: a sheet in the lower part of the window.
      expect((first.panel as Box).top).toBeGreaterThan(first.height / 3);
    }
    expect(await seriousViolations(page)).toEqual([]);

    const link = panel.locator(".mention-list a").last();
    const target = decodeURIComponent(((await link.getAttribute("href")) as string).split("#")[1]);
    await link.click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash.slice(1)))).toBe(target);
    await scrollSettled(page);
    await expect.poll(() => activeBlockId(page)).toBe(target);
    const landed = await layout(page, target);
    expect(landed.block.top).toBeGreaterThanOrEqual(landed.bar.bottom - 1);
    if (wide) {
      expect(await panel.isVisible()).toBe(true);
      expect(overlaps(landed.block, landed.panel as Box)).toBe(false);
      expect(landed.block.bottom).toBeLessThanOrEqual(landed.height);
    } else {
      await expect.poll(() => panel.count()).toBe(0);
      expect(landed.block.bottom).toBeLessThanOrEqual(landed.height);
    }
    await context.close();
  });

  it("keeps the selected passage marked and in view while the note form is open, then focuses the saved note", { timeout: 90_000 }, async () => {
    const context = await contextAt(viewport);
    const page = await context.newPage();
    await page.goto(readerURL);
    await page.locator(".notes-toggle").waitFor();
    const block = blockWith("2022년 1월 발효된 일호 RAA");
    await select(page, block.id, "법적 기반을 제공");
    const toolbar = page.getByRole("toolbar");
    await toolbar.waitFor();

    // The toolbar is wholly on screen and over neither the selection nor the notes button.
    const boxes = await page.evaluate(() => {
      const box = (rect: DOMRect) => ({ top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right });
      return {
        toolbar: box(document.querySelector(".selection-toolbar")!.getBoundingClientRect()),
        selection: box(window.getSelection()!.getRangeAt(0).getBoundingClientRect()),
        toggle: box(document.querySelector(".notes-toggle")!.getBoundingClientRect()),
        width: window.innerWidth,
        height: window.innerHeight,
      };
    });
    expect(boxes.toolbar.left).toBeGreaterThanOrEqual(0);
    expect(boxes.toolbar.right).toBeLessThanOrEqual(boxes.width);
    expect(boxes.toolbar.top).toBeGreaterThanOrEqual(0);
    expect(boxes.toolbar.bottom).toBeLessThanOrEqual(boxes.height);
    expect(overlaps(boxes.toolbar, boxes.selection)).toBe(false);
    expect(overlaps(boxes.toolbar, boxes.toggle)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);

    await toolbar.getByRole("button", { name: "노트", exact: true }).click();
    const form = page.locator(".note-form");
    await form.waitFor();
    await scrollSettled(page);
    // The passage stays marked in the text (the draft highlight), visible beside or above the form.
    const draft = () => page.evaluate(() => (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get("note-draft")?.size ?? 0);
    expect(await draft()).toBeGreaterThan(0);
    const open = await layout(page, block.id);
    expect(overlaps(open.block, open.panel as Box)).toBe(false);
    expect(open.block.top).toBeGreaterThanOrEqual(open.bar.bottom - 1);
    expect(await seriousViolations(page)).toEqual([]);

    await form.getByLabel("내용 (Markdown)").fill(`크기별 노트 ${name} ${stamp}`);
    await form.getByRole("button", { name: "저장" }).click();
    await form.waitFor({ state: "detached" });
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest("[data-annotation]")?.textContent ?? "")).toContain(`크기별 노트 ${name}`);
    expect(await draft()).toBe(0);

    // A margin marker beside the paragraph lists its notes.
    await page.locator("#notes-panel .side-panel-close").click();
    const marker = page.locator(`.note-marker[data-block="${block.id}"]`);
    await marker.waitFor();
    const markerBox = await marker.boundingBox();
    expect(markerBox && markerBox.x + markerBox.width).toBeLessThanOrEqual(viewport.width);
    await marker.click();
    await expect.poll(() => page.locator("#notes-panel .notes-list").textContent()).toContain(`크기별 노트 ${name}`);

    // A jump from the panel's quote moves focus to the sentence, in sight beside (or above) the panel.
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
    await page.locator("#notes-panel .note-quote-link", { hasText: "법적 기반을 제공" }).first().click();
    await expect.poll(() => activeBlockId(page)).toBe(block.id);
    await scrollSettled(page);
    const jumped = await layout(page, block.id);
    expect(overlaps(jumped.block, jumped.panel as Box)).toBe(false);
    expect(jumped.block.top).toBeGreaterThanOrEqual(jumped.bar.bottom - 1);
    expect(jumped.block.bottom).toBeLessThanOrEqual(jumped.height);
    await context.close();
  });

  it("fits the header in one row and the page in the width, signed in or out, on every page", { timeout: 90_000 }, async () => {
    for (const signedOut of [true, false]) {
      const context = await contextAt(viewport, { signedOut });
      const page = await context.newPage();
      for (const path of ["/", `/briefs/${slug}`, "/agreements", "/account", "/account/export", "/search?q=RAA"]) {
        await page.goto(`${baseURL}${path}`);
        await page.locator("main").waitFor();
        await page.waitForLoadState("networkidle");
        const header = await page.evaluate(() => {
          const bar = document.querySelector(".site-bar")!.getBoundingClientRect();
          return { height: bar.height, scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth };
        });
        expect(header.height, `${path} signed ${signedOut ? "out" : "in"}`).toBeLessThanOrEqual(64);
        expect(header.scrollWidth, path).toBeLessThanOrEqual(header.width);
      }
      if (!wide) {
        // The links are behind the menu button, which opens and closes with Escape.
        const button = page.locator(".site-menu-button");
        await button.click();
        await page.locator(".site-nav").getByRole("link", { name: "협정 기록" }).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.keyboard.press("Escape");
        await expect.poll(() => button.getAttribute("aria-expanded")).toBe("false");
      }
      await context.close();
    }
  });
});

describe("at 360 px, the narrowest phone", () => {
  it("keeps the header one row high", async () => {
    const context = await contextAt({ width: 360, height: 740 });
    const page = await context.newPage();
    await page.goto(readerURL);
    await page.locator(".notes-toggle").waitFor();
    expect((await page.locator(".site-bar").boundingBox())?.height).toBeLessThanOrEqual(64);
    await context.close();
  });
});

describe("selection and keys", () => {
  it("selects text with a drag that starts on a linked mention", async () => {
    const context = await contextAt({ width: 1440, height: 900 }, { signedOut: true });
    const page = await context.newPage();
    await page.goto(readerURL);
    const block = blockWith("영국과 일본은 방위장비품·기술이전협정");
    const start = page.locator(`[id="${block.id}"] > .brief-block-text a.mention`).first();
    await start.scrollIntoViewIfNeeded();
    expect(await start.getAttribute("draggable")).toBe("false");
    const from = (await start.boundingBox()) as { x: number; y: number; width: number; height: number };
    const to = (await page.locator(`[id="${block.id}"] > .brief-block-text`).boundingBox()) as { x: number; y: number; width: number; height: number };
    await page.mouse.move(from.x + 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width * 0.6, from.y + from.height / 2, { steps: 8 });
    await page.mouse.up();
    const selected = await page.evaluate(() => window.getSelection()?.toString() ?? "");
    expect(selected.length).toBeGreaterThan(3);
    expect(new URL(page.url()).pathname).toBe(`/briefs/${slug}`);
    await context.close();
  });

  it("annotates by keyboard alone: j to a claim, Shift+→ to select words, n to write, Ctrl+Enter to save", async () => {
    const context = await contextAt({ width: 1440, height: 900 });
    const page = await context.newPage();
    await page.goto(readerURL);
    await page.locator(".notes-toggle").waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("j");
    const claim = brief.sections[0].blocks.find((block) => block.kind === "claim") as { id: string; text: string };
    await expect.poll(() => activeBlockId(page)).toBe(claim.id);
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Shift+ArrowRight");
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString().trim() ?? "")).not.toBe("");
    const selected = await page.evaluate(() => window.getSelection()?.toString().trim() ?? "");
    expect(claim.text.startsWith(selected)).toBe(true);
    expect(selected.split(/\s+/).length).toBe(2);
    await page.getByRole("toolbar").waitFor();
    await page.keyboard.press("n");
    const textarea = page.locator(".note-form textarea");
    await expect.poll(() => textarea.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type(`키보드 노트 ${stamp}`);
    await page.keyboard.press("Control+Enter");
    await page.locator(".note-form").waitFor({ state: "detached" });
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest("[data-annotation]")?.textContent ?? "")).toContain(`키보드 노트 ${stamp}`);
    const saved = ((await (await context.request.get(`${baseURL}/api/annotations?brief=${slug}`)).json()) as Annotation[]).find((item) => item.body === `키보드 노트 ${stamp}`);
    expect(saved?.target && "quote" in saved.target ? saved.target.quote.exact : "").toBe(selected);
    await context.close();
  });

  it("crosses the article in a few tab stops, enters a block's mentions with Tab, and lists every key in the help", async () => {
    const context = await contextAt({ width: 1440, height: 900 }, { signedOut: true });
    const page = await context.newPage();
    await page.goto(readerURL);
    await page.locator("h1.brief-title").waitFor();
    await page.waitForLoadState("networkidle");
    const stops = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>("article.brief *")].filter((element) => element.tabIndex >= 0).length);
    expect(stops).toBeLessThan(5);
    const mentions = await page.locator("article.brief a.mention").count();
    expect(mentions).toBeGreaterThan(100);

    const block = blockWith("영국과 일본은 방위장비품·기술이전협정");
    await page.locator(`[id="${block.id}"]`).focus();
    await page.keyboard.press("Tab");
    const firstMention = await page.evaluate(() => document.activeElement?.matches("a.mention") && document.activeElement.closest("li")?.id);
    expect(firstMention).toBe(block.id);
    await page.keyboard.press("Shift+Tab");
    expect(await activeBlockId(page)).toBe(block.id);

    await page.keyboard.press("?");
    const help = page.locator("dialog.shortcuts");
    await expect.poll(() => help.evaluate((element: HTMLDialogElement) => element.open)).toBe(true);
    const keys = await help.locator("kbd").allTextContents();
    for (const key of ["h", "n", "Ctrl", "K", "/", "Esc", "j", "k", "Tab", "Shift", "?"]) expect(keys).toContain(key);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("closes the topmost layer with Escape: the entity panel over the notes panel, then the notes panel", async () => {
    const context = await contextAt({ width: 1440, height: 900 });
    const page = await context.newPage();
    await page.goto(readerURL);
    await page.locator(".notes-toggle").click();
    await page.locator("#notes-panel").waitFor();
    await page.locator(`[id="${blockWith("영국과 일본은 방위장비품").id}"] a.mention`).first().click();
    await page.locator("aside.side-panel #side-panel-title").waitFor();
    // The pointer leaves the text, so no hover card sits on top of the panel.
    await page.mouse.move(2, 500);
    await expect.poll(() => page.locator("#mention-card").count()).toBe(0);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("aside.side-panel").count()).toBe(0);
    expect(await page.locator("#notes-panel").count()).toBe(1);
    // Focus is back on the mention, whose card is now the topmost layer; then the notes panel.
    await expect.poll(() => page.locator("#mention-card").count()).toBe(1);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#mention-card").count()).toBe(0);
    expect(await page.locator("#notes-panel").count()).toBe(1);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#notes-panel").count()).toBe(0);
    await context.close();
  });
});

describe("seeing notes", () => {
  it("marks the j target in a colour no highlight uses, saves Claim as a claim-kind note, and tells mine from colleagues' in the text", { timeout: 60_000 }, async () => {
    const colleague = await contextAt({ width: 1440, height: 900 }, { as: "colleague" });
    const block = blockWith("2024년 7월 일본과 필리핀은");
    const page0 = await colleague.newPage();
    await page0.goto(readerURL);
    await page0.locator(".notes-toggle").waitFor();
    await select(page0, block.id, "RAA에 서명");
    await page0.getByRole("toolbar").getByRole("button", { name: "질문" }).click();
    await page0.locator(".note-form textarea").fill(`동료 질문 ${stamp}`);
    await page0.locator(".note-form").getByText("팀과 공유").click();
    await page0.locator(".note-form").getByRole("button", { name: "저장" }).click();
    await page0.locator(".note-form").waitFor({ state: "detached" });
    await colleague.close();

    const context = await contextAt({ width: 1440, height: 900 });
    const page = await context.newPage();
    await page.goto(`${readerURL}#${block.id}`);
    await page.locator(".notes-toggle").waitFor();
    const target = await page.locator(`[id="${block.id}"] > .brief-block-text`).evaluate((element) => getComputedStyle(element).backgroundColor);
    const highlightColours = ["rgba(255, 212, 0", "rgba(95, 211, 141", "rgba(108, 180, 255", "rgba(255, 143, 194", "rgba(255, 177, 78", "rgb(255, 241, 184)"];
    expect(highlightColours.some((colour) => target.startsWith(colour))).toBe(false);

    await expect.poll(() => page.evaluate(() => (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get("note-others")?.size ?? 0)).toBeGreaterThan(0);
    await select(page, block.id, "제도적 기초");
    await page.getByRole("toolbar").getByRole("button", { name: "주장 표시" }).click();
    const claims = async () =>
      ((await (await context.request.get(`${baseURL}/api/annotations?brief=${slug}`)).json()) as Annotation[]).filter((item) => item.target && "quote" in item.target && item.target.quote.exact === "제도적 기초");
    await expect.poll(async () => (await claims()).length).toBeGreaterThan(0);
    expect((await claims()).at(-1)).toMatchObject({ motivation: "classifying", tags: [] });

    // The marker shows both kinds; the panel has a legend and names the kind "주장".
    const marker = page.locator(`.note-marker[data-block="${block.id}"]`);
    await marker.waitFor();
    expect(await marker.locator(".kind-dot.kind-questioning.others").count()).toBeGreaterThan(0);
    expect(await marker.locator(".kind-dot.kind-classifying.mine").count()).toBe(1);
    await marker.click();
    await page.locator("#notes-panel .notes-legend").waitFor();
    expect(await page.locator("#notes-panel .notes-list").textContent()).toContain("주장");
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe("admins", () => {
  it("see “hide” on colleagues' shared notes only, not on their own", { timeout: 60_000 }, async () => {
    // The test server names this address its admin; other test files may have made the account.
    const admin = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const credentials = { email: "admin@brief-reader.test", password: "correct horse battery staple" };
    const signedIn = await admin.request.post(`${baseURL}/api/auth/sign-in/email`, { data: credentials, headers: { origin: baseURL } });
    if (signedIn.status() !== 200) {
      const signedUp = await admin.request.post(`${baseURL}/api/auth/sign-up/email`, { data: { name: "Admin", ...credentials }, headers: { origin: baseURL } });
      expect(signedUp.status()).toBe(200);
      expect((await admin.request.post(`${baseURL}/api/auth/sign-in/email`, { data: credentials, headers: { origin: baseURL } })).status()).toBe(200);
    }
    const colleague = await contextAt({ width: 1440, height: 900 }, { as: "colleague" });
    const post = (context: BrowserContext, body: string) =>
      context.request.post(`${baseURL}/api/annotations`, { data: { brief: slug, target: { entityId: "gb" }, body, visibility: "shared" }, headers: { origin: baseURL } });
    const [own, others] = await Promise.all([post(admin, `관리자 노트 ${stamp}`), post(colleague, `동료 노트 ${stamp}`)]);
    const ownNote = (await own.json()) as Annotation;
    const othersNote = (await others.json()) as Annotation;
    const page = await admin.newPage();
    await page.goto(`${readerURL}?note=${othersNote.id}`);
    const item = (id: string) => page.locator(`#notes-panel [data-annotation="${id}"]`);
    await item(othersNote.id).waitFor();
    expect(await item(othersNote.id).getByRole("button", { name: "숨기기" }).count()).toBe(1);
    await page.goto(`${readerURL}?note=${ownNote.id}`);
    await item(ownNote.id).waitFor();
    expect(await item(ownNote.id).getByRole("button", { name: "숨기기" }).count()).toBe(0);
    expect(await item(ownNote.id).getByRole("button", { name: "삭제" }).count()).toBe(1);
    await colleague.close();
    await admin.close();
  });
});

describe("language", () => {
  it("words sign-in errors in the chosen language, not the server's", async () => {
    for (const [lang, expected] of [
      ["ko", "이메일이나 비밀번호가 맞지 않습니다."],
      ["en", "The email or password is not right."],
    ] as const) {
      const context = await contextAt({ width: 390, height: 844 }, { signedOut: true, lang });
      const page = await context.newPage();
      await page.goto(`${baseURL}/account`);
      await page.locator('input[name="email"]').fill(`nobody-${stamp}@example.org`);
      await page.locator('input[name="password"]').fill("wrong password here");
      await page.locator(".account-form button[type=submit]").click();
      await expect.poll(() => page.locator(".form-error").textContent()).toBe(expected);
      await context.close();
    }
  });

  it("shows English names of entities and records on English pages, and no ids as labels", async () => {
    const context = await contextAt({ width: 1440, height: 900 }, { signedOut: true, lang: "en" });
    const page = await context.newPage();
    await page.goto(`${readerURL}?entity=raa-jp-gb`);
    const title = page.locator("#side-panel-title");
    await title.waitFor();
    expect(await title.locator("span").first().getAttribute("lang")).toBe("en");
    expect(await title.locator("span").first().textContent()).toContain("Japan–UK");
    await page.goto(`${baseURL}/agreements/raa-jp-au`);
    const facts = await page.locator(".data-page > p.muted").first().textContent();
    expect(facts).toContain("Australia");
    expect(facts).not.toMatch(/\b(JP|AU)\b/);
    expect(await page.locator("h1 span").first().getAttribute("lang")).toBe("en");
    await page.goto(`${baseURL}/entities/jp`);
    expect(await page.locator("main code").count()).toBe(0);
    await context.close();
  });
});

describe("small things", () => {
  it("shows the account, not the sign-in form, when signed in; the header's sign-in comes back to the page", async () => {
    const context = await contextAt({ width: 1440, height: 900 });
    const page = await context.newPage();
    await page.goto(`${baseURL}/account`);
    await page.locator(".account-summary").waitFor();
    expect(await page.locator(".account-summary").textContent()).toContain(`${names.reader}@example.org`);
    // No sign-in form (the change-password form is the signed-in owner's, issue 16).
    expect(await page.locator('input[type="email"]').count()).toBe(0);
    expect(await page.locator(".api-tokens").count()).toBe(1);
    await context.close();

    const anonymous = await contextAt({ width: 1440, height: 900 }, { signedOut: true });
    const reader = await anonymous.newPage();
    await reader.goto(`${baseURL}/agreements`);
    const signIn = reader.locator(".site-nav a", { hasText: "로그인" });
    await signIn.waitFor();
    expect(await signIn.getAttribute("href")).toBe(`/account?next=${encodeURIComponent("/agreements")}`);
    await anonymous.close();
  });

  it("has a favicon and app icons", async () => {
    const html = await (await fetch(readerURL)).text();
    expect(html).toMatch(/<link rel="icon" href="\/icon\.svg/);
    expect(html).toMatch(/<link rel="apple-touch-icon" href="\/apple-icon\.png/);
    expect((await fetch(`${baseURL}/icon.svg`)).status).toBe(200);
  });

  it("orders the timeline by date within each year, and explains the matrix's marks", async () => {
    const context = await contextAt({ width: 1440, height: 900 }, { signedOut: true });
    const page = await context.newPage();
    await page.goto(`${baseURL}/agreements`);
    const rows = await page.locator("table.timeline tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => [...td.querySelectorAll(".event-date")].map((date) => date.getAttribute("datetime") ?? ""))),
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const cells of rows) for (const dates of cells) expect(dates).toEqual([...dates].sort());
    expect(await page.locator(".legend dd").count()).toBeGreaterThanOrEqual(4);
    await context.close();
  });

  it("ranks an entity whose name is typed exactly above text hits in the palette", async () => {
    const context = await contextAt({ width: 1440, height: 900 }, { signedOut: true });
    const page = await context.newPage();
    await page.goto(readerURL);
    await page.locator("h1.brief-title").waitFor();
    for (let attempt = 0; attempt < 20 && (await page.locator("dialog.palette[open]").count()) === 0; attempt++) {
      await page.keyboard.press("Control+k");
      await page.locator("dialog.palette[open]").waitFor({ timeout: 500 }).catch(() => undefined);
    }
    await page.keyboard.type("호주");
    await page.locator('[role="option"]').first().waitFor();
    const firstGroup = await page.locator('[role="listbox"] [role="group"]').first().textContent();
    expect(firstGroup).toContain("개체와 협정 기록");
    await context.close();
  });

  it("prints the chosen notes after the text, with the address and the date", async () => {
    const context = await contextAt({ width: 1440, height: 900 });
    await context.request.post(`${baseURL}/api/annotations`, {
      data: { brief: slug, target: { entityId: "jp" }, body: "개체 노트" },
      headers: { origin: baseURL },
    });
    const page = await context.newPage();
    await page.goto(readerURL);
    await page.locator(".notes-toggle").waitFor();
    const block = blockWith("2022년 1월 발효된 일호 RAA");
    await select(page, block.id, "법적 기반을 제공");
    await page.getByRole("toolbar").getByRole("button", { name: "노트", exact: true }).click();
    await page.locator(".note-form textarea").fill(`인쇄할 노트 ${stamp}`);
    await page.locator(".note-form").getByRole("button", { name: "저장" }).click();
    await page.locator(".note-form").waitFor({ state: "detached" });
    await page.locator(".print-control select").selectOption("mine");
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => ({
      notes: getComputedStyle(document.querySelector(".print-notes")!).display,
      text: document.querySelector(".print-notes")?.textContent ?? "",
      stamp: document.querySelector(".print-stamp")?.textContent ?? "",
      panel: getComputedStyle(document.querySelector(".notes-panel")!).display,
    }));
    expect(printed.notes).toBe("block");
    expect(printed.text).toContain(`인쇄할 노트 ${stamp}`);
    expect(printed.stamp).toContain(`/briefs/${slug}`);
    expect(printed.stamp).toMatch(/\d{4}/);
    expect(printed.panel).toBe("none");
    await page.emulateMedia({ media: "screen" });
    await page.locator(".print-control select").selectOption("none");
    expect(await page.locator(".print-notes").count()).toBe(0);
    await context.close();
  });
});

describe("exports, imports and Zotero", () => {
  it("escapes a note's raw HTML in the Markdown export, with a colleague's reply and the citation key", async () => {
    const author = await contextAt({ width: 1440, height: 900 });
    const colleague = await contextAt({ width: 1440, height: 900 }, { as: "colleague" });
    const block = blockWith("2022년 1월 발효된 일호 RAA");
    const text = blocks().map((item) => item.text).join("\n");
    const exact = "일호 RAA";
    const start = Array.from(text.slice(0, text.indexOf(exact))).length;
    const created = await author.request.post(`${baseURL}/api/annotations`, {
      data: { brief: slug, target: { blockId: block.id, quote: { exact }, position: { start, end: start + Array.from(exact).length } }, body: '<script>alert("x")</script> 확인', visibility: "shared" },
      headers: { origin: baseURL },
    });
    expect(created.status()).toBe(201);
    const note = (await created.json()) as Annotation;
    const reply = await colleague.request.post(`${baseURL}/api/annotations`, { data: { parentId: note.id, body: `동료의 답 ${stamp}`, visibility: "shared" }, headers: { origin: baseURL } });
    expect(reply.status()).toBe(201);
    const markdown = await (await author.request.get(`${baseURL}/api/export/notes.md?brief=${slug}&lang=ko`)).text();
    expect(markdown).toContain('\\<script>alert("x")\\</script> 확인');
    expect(markdown).not.toMatch(/(^|[^\\])<script>/);
    expect(markdown).toContain(`동료의 답 ${stamp}`);
    expect(markdown).toContain('citekey: "japan-quasi-alliance"');
    await author.close();
    await colleague.close();
  });

  it("does not duplicate annotations without ids when the same file is imported twice, and shows the report where the reader is looking", async () => {
    const context = await contextAt({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(`${baseURL}/account/export`);
    const file = {
      type: "AnnotationPage",
      items: [
        { type: "Annotation", bodyValue: `아이디 없는 노트 ${stamp}`, target: { source: `${baseURL}/briefs/${slug}`, selector: { type: "TextQuoteSelector", exact: "미일동맹" } } },
        { type: "Annotation", bodyValue: `아이디 없는 노트 2 ${stamp}`, target: { source: `${baseURL}/briefs/${slug}`, selector: { type: "TextQuoteSelector", exact: "전수방위" } } },
      ],
    };
    const input = page.locator('input[type="file"]');
    for (const round of [1, 2]) {
      await input.setInputFiles({ name: "notes.jsonld", mimeType: "application/ld+json", buffer: Buffer.from(JSON.stringify(file)) });
      await page.locator('.import-form button[type="submit"]').click();
      const heading = page.locator(".import-report h3");
      await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);
      await scrollSettled(page);
      const box = (await heading.boundingBox()) as { y: number };
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeLessThan(844);
      if (round === 1) expect(await page.locator(".import-report").getAttribute("data-imported")).toBe("2");
      else {
        await expect.poll(() => page.locator(".import-report").getAttribute("data-imported")).toBe("0");
        expect(await page.locator(".report-skipped li").count()).toBe(2);
      }
    }
    const mine = ((await (await context.request.get(`${baseURL}/api/annotations?brief=${slug}`)).json()) as Annotation[]).filter((item) => item.body.includes(`아이디 없는 노트`) && item.body.endsWith(stamp));
    expect(mine).toHaveLength(2);
    await context.close();
  });

  it("carries citation_* meta tags for Zotero and answers CSL-JSON and BibTeX", async () => {
    const html = await (await fetch(readerURL)).text();
    expect(html).toContain('<meta name="citation_title" content="일본의 &#x27;준동맹&#x27; 전략 구상에 따른 안보 네트워크 구축"/>');
    expect(html).toContain('<meta name="citation_author" content="이, 기태"/>');
    expect(html).toContain('<meta name="citation_technical_report_institution" content="세종연구소"/>');
    expect(html).toMatch(/<meta name="citation_public_url" content="http:\/\/[^"]+\/briefs\/japan-quasi-alliance"\/>/);
    const csl = await fetch(`${readerURL.replace("/briefs/", "/api/briefs/")}?format=csl-json`);
    expect(csl.headers.get("content-type")).toContain("application/vnd.citationstyles.csl+json");
    expect(((await csl.json()) as { id: string; type: string }[])[0]).toMatchObject({ id: "japan-quasi-alliance", type: "report" });
    const bib = await fetch(`${readerURL.replace("/briefs/", "/api/briefs/")}?format=bibtex`);
    expect(await bib.text()).toMatch(/^@techreport\{japan-quasi-alliance,/);
    expect((await fetch(`${readerURL.replace("/briefs/", "/api/briefs/")}?format=ris`)).status).toBe(400);
  });
});
