/**
 * Entities and agreement records in a real browser (Debian's Chromium through playwright-core),
 * against the built app: the reader's hover cards and side panel, the overview of agreements,
 * the record and entity pages, the CSV download and accessibility.
 */
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { AgreementRecord } from "@/lib/domain/agreement";
import type { BlockView, BriefView } from "@/lib/domain/brief";
import type { Entity } from "@/lib/domain/entity";
import type { MentionPlace } from "@/lib/domain/mention-place";
import { launchBrowser, type TestBrowser } from "../support/browser";
import { scrollSettled } from "../support/page-helpers";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const readerPath = `/briefs/${slug}`;
const readerURL = `${baseURL}${readerPath}`;

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
  await Promise.all(pages.splice(0).map((page) => page.close()));
  await browser.context.clearCookies();
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  // Fail on a missing element well before the test's own 30 s limit, with the locator in the message.
  page.setDefaultTimeout(10_000);
  pages.push(page);
  return page;
}

async function getJSON<T>(path: string): Promise<T> {
  const response = await fetch(`${baseURL}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const getRecord = (id: string) => getJSON<AgreementRecord>(`/api/agreements/${id}`);
const getEntity = (id: string) => getJSON<{ entity: Entity; mentions: MentionPlace[] }>(`/api/entities/${id}`);

/** The one block of the brief whose text contains `text`. */
function blockWith(text: string): BlockView {
  const found = brief.sections.flatMap((section) => section.blocks).filter((block) => block.text.includes(text));
  if (found.length !== 1) throw new Error(`${found.length} blocks contain ${JSON.stringify(text)}`);
  return found[0];
}

/** The mention link with exactly this text for this entity, in the block's own text (a claim holds its points). */
function mention(page: Page, blockId: string, entityId: string, surface: string): Locator {
  return page
    .locator(`[id="${blockId}"] > .brief-block-text a.mention[data-entity="${entityId}"]`)
    .filter({ hasText: new RegExp(`^${surface.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) });
}

async function openReader(page: Page, query = ""): Promise<void> {
  await page.goto(`${readerURL}${query}`);
  await page.locator("h1.brief-title").waitFor();
}

/** Waits until the side panel has loaded an entity and returns it. */
async function loadedPanel(page: Page): Promise<Locator> {
  const panel = page.locator("aside.side-panel");
  await panel.locator("#side-panel-title").waitFor();
  return panel;
}

/** The status a `.status-pair` shows under the given label. */
function statusUnder(scope: Locator, label: string): Locator {
  return scope.locator(".status-pair > div", { has: scope.page().locator("dt", { hasText: label }) }).locator("dd");
}

/** Whether the block is the page's `:target`, and whether it sits in the window below the sticky bar. */
async function targetState(page: Page, blockId: string) {
  return page.evaluate((id) => {
    const element = document.getElementById(id);
    const bar = document.querySelector(".site-bar");
    if (!element || !bar) throw new Error(`missing #${id} or .site-bar`);
    const box = element.getBoundingClientRect();
    const barBottom = bar.getBoundingClientRect().bottom;
    return {
      target: document.querySelector(":target")?.id ?? null,
      inView: box.top >= barBottom - 1 && box.bottom <= window.innerHeight,
    };
  }, blockId);
}

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

describe("the reader's side panel", () => {
  it("opens the Japan–UK RAA beside the text when its mention is clicked, with the brief's in-force 2023 linked to that point", async () => {
    const point = blockWith("영국과 일본은 방위장비품·기술이전협정");
    const record = await getRecord("raa-jp-gb");
    // The record itself says the point is the evidence for in-force 2023.
    expect(record.events.some((event) => event.basis === "brief" && event.kind === "in-force" && event.date === "2023" && event.blockIds?.includes(point.id))).toBe(true);

    const page = await newPage();
    await openReader(page);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const raa = mention(page, point.id, "raa-jp-gb", "RAA");
    expect(await raa.count()).toBe(1);
    expect(await raa.getAttribute("href")).toBe("/agreements/raa-jp-gb");

    await raa.click();
    const panel = await loadedPanel(page);
    const title = panel.locator("#side-panel-title");
    expect(await title.textContent()).toContain("상호접근협정");
    expect(await title.locator('[lang="en"]').textContent()).toContain("Japan–UK");
    await expect.poll(() => isFocused(title)).toBe(true);
    expect(await statusUnder(panel, "브리프상 상태").textContent()).toBe("발효");

    const row = panel.locator("table.events tr.event-brief", { has: page.locator(`a.sentence-link[href="${readerPath}#${point.id}"]`) });
    expect(await row.count()).toBe(1);
    expect(await row.locator("td").allTextContents()).toEqual(["2023", "발효", "브리프", expect.stringContaining("RAA, 2023년 발효"), "원본 자료"]);

    // Still the same document, on the same path, with the panel in the URL.
    const url = new URL(page.url());
    expect(url.pathname).toBe(readerPath);
    expect(url.searchParams.get("entity")).toBe("raa-jp-gb");
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  });

  it("opens the panel named in ?entity= on arrival, showing that the Philippines RAA changed since the brief", async () => {
    const page = await newPage();
    await openReader(page, "?entity=raa-jp-ph");
    const panel = await loadedPanel(page);
    expect(await panel.locator("#side-panel-title").textContent()).toContain("필리핀");
    expect(await statusUnder(panel, "브리프상 상태").textContent()).toBe("서명");
    expect(await statusUnder(panel, "현재(기록)").textContent()).toBe("발효");
    const changed = panel.locator("ul.discrepancies > li", { hasText: "브리프 이후 변화" });
    expect(await changed.count()).toBe(1);
    expect(await changed.isVisible()).toBe(true);
  });

  it("jumps to a sentence from the panel's mention list, keeping the panel open, and Escape closes it back to the mention", async () => {
    const { mentions } = await getEntity("gb");
    const last = mentions.at(-1);
    if (!last) throw new Error("gb has no mentions");
    const first = mentions[0];

    const page = await newPage();
    await openReader(page);
    const trigger = mention(page, first.blockId, "gb", first.spans[0].surface);
    await trigger.click();
    const panel = await loadedPanel(page);
    const links = panel.locator(".mention-list a");
    expect(await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")))).toEqual(
      mentions.map((place) => `${readerPath}#${place.blockId}`),
    );

    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await links.last().click();
    await expect.poll(() => targetState(page, last.blockId).then((state) => state.target)).toBe(last.blockId);
    await scrollSettled(page);
    expect(await targetState(page, last.blockId)).toEqual({ target: last.blockId, inView: true });
    // An in-page jump: the panel and its URL survive.
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await panel.isVisible()).toBe(true);
    expect(new URL(page.url()).searchParams.get("entity")).toBe("gb");

    await page.keyboard.press("Escape");
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(() => isFocused(trigger)).toBe(true);
    expect(new URL(page.url()).searchParams.has("entity")).toBe(false);
  });

  it("closes with the × button and gives focus back to the mention", async () => {
    const point = blockWith("영국과 일본은 방위장비품·기술이전협정");
    const page = await newPage();
    await openReader(page);
    const trigger = mention(page, point.id, "acsa-jp-gb", "ACSA");
    await trigger.click();
    const panel = await loadedPanel(page);
    expect(await panel.locator("#side-panel-title").textContent()).toContain("상호군수지원협정");
    await panel.locator("button.side-panel-close").click();
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(() => isFocused(trigger)).toBe(true);
    expect(new URL(page.url()).search).toBe("");
  });
});

describe("the reader's hover card", () => {
  it("shows names on hover and on keyboard focus, hides on Escape, and flags an agreement with a discrepancy", async () => {
    const point = blockWith("영국과 일본은 방위장비품·기술이전협정");
    const [{ entity: gb }, { entity: raa }] = await Promise.all([getEntity("gb"), getEntity("raa-jp-gb")]);
    const page = await newPage();
    await openReader(page);
    const card = page.locator('#mention-card[role="tooltip"]');
    const names = () => card.locator(".mention-card-names").textContent();
    expect(await card.count()).toBe(0);

    // Hover.
    const country = mention(page, point.id, "gb", "영국");
    await country.hover();
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.locator('.mention-card-names [lang="ko"]').textContent()).toBe(gb.names.ko);
    expect(await card.locator('.mention-card-names [lang="en"]').textContent()).toBe(gb.names.en);
    expect(await card.locator(".mention-card-kind").textContent()).toBe("국가");
    expect(await country.getAttribute("aria-describedby")).toBe("mention-card");
    await page.mouse.move(2, 2);
    await expect.poll(() => card.count()).toBe(0);

    // Keyboard: focus one mention, Tab on to the next.
    await mention(page, point.id, "acsa-jp-gb", "ACSA").focus();
    await expect.poll(names).toContain("상호군수지원협정");
    await page.keyboard.press("Tab");
    const next = mention(page, point.id, "raa-jp-gb", "상호접근협정");
    await expect.poll(() => isFocused(next)).toBe(true);
    await expect.poll(names).toBe(`${raa.names.ko} ${raa.names.en}`);
    expect(await card.locator(".mention-card-status").textContent()).toContain("발효");
    expect(await card.locator(".badge").count()).toBe(0);
    await page.keyboard.press("Escape");
    await expect.poll(() => card.count()).toBe(0);
    expect(await isFocused(next)).toBe(true);

    // The Japan–Australia RAA disagrees with itself in the brief: the card says so.
    const australia = mention(page, blockWith("2022년 1월 발효된 일호 RAA").id, "raa-jp-au", "일호 RAA");
    await australia.hover();
    await expect.poll(names).toContain("일본–호주");
    const badges = await card.locator(".badge").allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(badges.every((badge) => badge.startsWith("⚠"))).toBe(true);
    expect(badges.join(" ")).toContain("브리프 내 불일치");
  });
});

describe("the overview and record pages", () => {
  it("leads from the Japan–Australia RAA cell to its internal conflict and on to each of the clashing sentences", async () => {
    const record = await getRecord("raa-jp-au");
    const conflict = record.discrepancies.find((item) => item.kind === "internal-conflict");
    if (!conflict) throw new Error("raa-jp-au has no internal conflict");
    const early = blockWith("2022년 1월 발효된 일호 RAA");
    const late = blockWith("RAA(2023년 발효)");
    expect(conflict.blockIds.slice(0, 2)).toEqual([early.id, late.id]);

    const page = await newPage();
    await page.goto(`${baseURL}/agreements`);
    const cell = page.locator('table.matrix a[data-record="raa-jp-au"]');
    expect(await cell.locator(".status").textContent()).toBe("발효");
    expect(await cell.locator(".discrepancy-mark").count()).toBe(1);
    expect(await page.locator('table.matrix a[data-record="raa-jp-gb"] .discrepancy-mark').count()).toBe(0);

    await cell.click();
    await page.waitForURL(`${baseURL}/agreements/raa-jp-au`);
    const item = page.locator("ul.discrepancies > li", { hasText: "브리프 내 불일치" });
    expect(await item.count()).toBe(1);
    const links = item.locator("a.sentence-link");
    expect(await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")))).toEqual(
      conflict.blockIds.map((id) => `${readerPath}#${id}`),
    );

    for (const [index, block] of [early, late].entries()) {
      if (index > 0) {
        await page.goBack();
        await page.waitForURL(`${baseURL}/agreements/raa-jp-au`);
      }
      await links.nth(index).click();
      await page.waitForURL(`${readerURL}#${block.id}`);
      await page.locator("h1.brief-title").waitFor();
      await scrollSettled(page);
      expect(await targetState(page, block.id)).toEqual({ target: block.id, inView: true });
    }
  });

  it("lists an entity's mentions grouped under its sections, each linking to its sentence", async () => {
    const { entity, mentions } = await getEntity("jp");
    const page = await newPage();
    await page.goto(`${baseURL}/entities/jp`);
    expect(await page.locator("h1").textContent()).toContain(entity.names.ko);

    const groups = page.locator(".mention-list > .mention-group");
    const sectionOf = new Map(brief.sections.flatMap((section) => section.blocks.map((block) => [block.id, section.title] as const)));
    const expected = brief.sections
      .map((section) => ({
        title: section.title,
        hrefs: mentions.filter((place) => place.sectionId === section.id).map((place) => `${readerPath}#${place.blockId}`),
      }))
      .filter((group) => group.hrefs.length > 0);
    expect(expected.length).toBeGreaterThan(1);
    const shown = await groups.evaluateAll((sections) =>
      sections.map((section) => ({
        title: section.querySelector("h3, h4")?.textContent ?? "",
        hrefs: [...section.querySelectorAll("a")].map((anchor) => anchor.getAttribute("href") ?? ""),
      })),
    );
    expect(shown).toEqual(expected);
    // Every link goes to a block of the section it is listed under.
    for (const group of shown) {
      for (const href of group.hrefs) expect(sectionOf.get(href.split("#")[1])).toBe(group.title);
    }
  });

  it("sends the entity page of an agreement record to the record's own page", async () => {
    const page = await newPage();
    await page.goto(`${baseURL}/entities/raa-jp-gb`);
    await page.waitForURL(`${baseURL}/agreements/raa-jp-gb`);
    expect(await page.locator("h1").textContent()).toContain("일본–영국 상호접근협정");
    expect(await page.locator(".agreement-detail table.events").count()).toBe(1);
  });

  it("downloads the records as CSV from the overview", async () => {
    const page = await newPage();
    await page.goto(`${baseURL}/agreements`);
    const link = page.locator('a[href="/api/agreements?format=csv"]');
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
    const [header, ...rows] = text.split(/\r?\n/).filter(Boolean);
    expect(header.startsWith("id,kind,parties,status")).toBe(true);
    expect(rows.some((row) => row.startsWith("raa-jp-au,raa,jp au,in-force"))).toBe(true);
  });
});

describe("accessibility of the entity views", () => {
  async function seriousViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.target.join(" ")) }));
  }

  it("finds no serious or critical axe violations on the overview of agreements", async () => {
    const page = await newPage();
    await page.goto(`${baseURL}/agreements`);
    await page.locator("table.matrix").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("finds no serious or critical axe violations on an agreement record's page", async () => {
    const page = await newPage();
    await page.goto(`${baseURL}/agreements/raa-jp-au`);
    await page.locator("ul.discrepancies").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("finds no serious or critical axe violations on the reader with the side panel open", async () => {
    const page = await newPage();
    await openReader(page);
    // Opened the way a reader does it; the pointer stays over the sentence.
    await mention(page, blockWith("2022년 1월 발효된 일호 RAA").id, "raa-jp-au", "일호 RAA").click();
    await loadedPanel(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
