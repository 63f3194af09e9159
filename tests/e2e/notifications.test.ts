/**
 * Notifications in the browser: a colleague's reply to my note shows up in the header's inbox
 * (count, then the entry), the entry leads to the reply in the reader and is marked read; the
 * inbox has no serious axe violation; typing `@` and part of a name in the note form offers the
 * member, and choosing puts the name in the text; following an entity from its page.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type TestBrowser } from "../support/browser";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const stamp = Date.now().toString(36);

let mina: TestBrowser;
let jun: TestBrowser;
const names = { mina: `민아 ${stamp}`, jun: `Jun ${stamp}` };

async function signUp(context: BrowserContext, name: string, email: string) {
  const account = { email, password: "correct horse battery" };
  expect((await context.request.post(`${baseURL}/api/auth/sign-up/email`, { data: { name, ...account }, headers: { origin: baseURL } })).status()).toBe(200);
  expect((await context.request.post(`${baseURL}/api/auth/sign-in/email`, { data: account, headers: { origin: baseURL } })).status()).toBe(200);
}

beforeAll(async () => {
  mina = await launchBrowser();
  jun = await launchBrowser();
  mina.context.setDefaultTimeout(10_000);
  jun.context.setDefaultTimeout(10_000);
  await signUp(mina.context, names.mina, `mina-${stamp}@example.org`);
  await signUp(jun.context, names.jun, `jun-${stamp}@example.org`);
});

afterAll(async () => {
  await mina?.close();
  await jun?.close();
});

describe("the inbox", () => {
  it("shows a colleague's reply with its count, leads to it, and marks it read", async () => {
    const view = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as { sections: { blocks: { id: string; text: string }[] }[] };
    const block = view.sections[0].blocks[0];
    const target = { blockId: block.id, quote: { exact: Array.from(block.text).slice(0, 4).join("") }, position: { start: 0, end: 4 } };
    const note = await mina.context.request.post(`${baseURL}/api/annotations`, { data: { brief: slug, target, visibility: "shared", body: "What do you think?" }, headers: { origin: baseURL } });
    expect(note.status()).toBe(201);
    const noteId = ((await note.json()) as { id: string }).id;

    const page = await mina.context.newPage();
    await page.goto(`${baseURL}/agreements`);
    const bell = page.locator(".inbox-button");
    await bell.waitFor();
    await expect.poll(() => page.locator(".inbox-count").count()).toBe(0);

    const reply = await jun.context.request.post(`${baseURL}/api/annotations`, { data: { parentId: noteId, body: `Agreed, ${stamp}` }, headers: { origin: baseURL } });
    expect(reply.status()).toBe(201);
    const replyId = ((await reply.json()) as { id: string }).id;

    // The count is asked for every 15 s while the tab is visible.
    await expect.poll(() => page.locator(".inbox-count").textContent(), { timeout: 25_000 }).toBe("1");
    await bell.click();
    const entry = page.locator(".inbox-list li").first();
    await expect.poll(() => entry.textContent()).toContain(names.jun);
    expect(await entry.textContent()).toContain(`Agreed, ${stamp}`);
    expect(await entry.getAttribute("data-read")).toBe("false");
    const axe = await new AxeBuilder({ page }).include(".inbox").analyze();
    expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);

    await entry.locator("a").click();
    await page.waitForURL((url) => url.pathname === `/briefs/${slug}` && url.searchParams.get("note") === replyId);
    await expect.poll(() => page.locator(".inbox-count").count()).toBe(0);
    await page.close();
  }, 60_000);

  it("offers members to @mention as a name is typed, and puts the chosen name in the note", async () => {
    const page = await jun.context.newPage();
    await page.goto(`${baseURL}/briefs/${slug}`);
    await page.locator(".notes-toggle").waitFor();
    // A block, then `n` to write a note on it by keyboard.
    await page.keyboard.press("j");
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("n");
    const body = page.locator(".note-form textarea");
    await body.waitFor();
    await body.pressSequentially(`@민아 ${stamp.slice(0, 3)}`);
    const option = page.locator(".mention-completion [role=option]", { hasText: names.mina });
    await option.waitFor();
    await page.keyboard.press("Enter");
    await expect.poll(() => body.inputValue()).toBe(`@${names.mina} `);
    await page.close();
  }, 40_000);

  it("follows an entity from its page", async () => {
    const page = await jun.context.newPage();
    await page.goto(`${baseURL}/entities/au`);
    const button = page.locator(".follow-button");
    await button.waitFor();
    expect(await button.getAttribute("aria-pressed")).toBe("false");
    await button.click();
    await expect.poll(() => button.getAttribute("aria-pressed")).toBe("true");
    await page.reload();
    await expect.poll(() => page.locator(".follow-button").getAttribute("aria-pressed")).toBe("true");
    await page.close();
  });
});
