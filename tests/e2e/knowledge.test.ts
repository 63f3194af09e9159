/**
 * Curating in the reader, in Chromium: an editor selects `해양 벨트`, makes a concept entity from the
 * selection, sees it linked in the text and listed on the entity's new page; unlinks a wrong
 * mention and finds it gone after a reload. What it changed in the shared seed brief is taken
 * back at the end (the new entity stays; its name is this run's own).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BriefView } from "@/lib/domain/brief";
import type { Member } from "@/lib/domain/member";
import { launchBrowser, type TestBrowser } from "../support/browser";
import { TestClient } from "../support/http-client";
import { type SecondApp, startSecondApp } from "../support/second-app";
import { selectInBlock } from "../support/page-helpers";

// On a server of its own: the entity made here, and the seed brief's curated mentions, must not
// show up in what the other tests count on the shared one.
let app: SecondApp;
let baseURL: string;
let readerURL: string;
const slug = "japan-quasi-alliance";
const stamp = Date.now().toString(36);
const ADMIN_EMAIL = "admin@brief-reader.test";

let editor: TestBrowser;
let brief: BriefView;

const blocks = () => brief.sections.flatMap((section) => section.blocks);

beforeAll(async () => {
  app = await startSecondApp({ ADMIN_EMAIL });
  baseURL = app.url;
  readerURL = `${baseURL}/briefs/${slug}`;
  brief = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
  editor = await launchBrowser();
  editor.context.setDefaultTimeout(10_000);
  const signedUp = await editor.context.request.post(`${baseURL}/api/auth/sign-up/email`, {
    data: { name: `Editor ${stamp}`, email: `kb-editor-${stamp}@example.org`, password: "correct horse battery" },
    headers: { origin: baseURL },
  });
  expect(signedUp.status()).toBe(200);
  const { user } = (await signedUp.json()) as { user: { id: string } };
  // A sign-up never signs in (its answer must not tell whether the address had an account).
  const signedIn = await editor.context.request.post(`${baseURL}/api/auth/sign-in/email`, {
    data: { email: `kb-editor-${stamp}@example.org`, password: "correct horse battery" },
    headers: { origin: baseURL },
  });
  expect(signedIn.status()).toBe(200);
  const admin = new TestClient(baseURL);
  if ((await admin.signIn(ADMIN_EMAIL)) !== 200) await admin.signUp("Admin", ADMIN_EMAIL);
  expect((await admin.patch<Member>(`/api/members/${user.id}`, { role: "editor" })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await editor?.close();
  await app?.stop();
});

/** Selects `text` inside the block with this id, as a reader's drag would. */
const select = selectInBlock;

describe("curating in the reader", () => {
  it("makes a concept entity from a selection, links it in the text, and lists it on the entity's new page", async () => {
    const page = await editor.context.newPage();
    await page.goto(readerURL);
    await page.locator(".notes-toggle").waitFor();
    const block = blocks().find((item) => item.text.includes("해양 벨트")) as BriefView["sections"][number]["blocks"][number];
    await select(page, block.id, "해양 벨트");
    const tools = page.locator(".curation-toolbar");
    await tools.getByRole("button", { name: "새 개체…" }).click();
    const form = tools.locator("form.entity-form");
    await expect.poll(() => form.getByLabel("한국어 이름").inputValue()).toBe("해양 벨트");
    expect(await form.getByLabel("종류").inputValue()).toBe("concept");
    const english = `Maritime Belt ${stamp}`;
    const id = english.toLowerCase().replace(/ /g, "-");
    await form.getByLabel("영어 이름").fill(english);
    await form.getByLabel("설명 (한국어, 한 줄)").fill("중국 견제를 위한 인도태평양 해양 협력의 띠.");
    await form.getByLabel("설명 (영어, 한 줄)").fill("A belt of maritime partners to counter China.");
    await form.getByRole("button", { name: "만들기" }).click();

    const linked = page.locator(`#${block.id} a.mention[data-entity="${id}"]`);
    await expect.poll(() => linked.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await linked.first().textContent()).toBe("해양 벨트");

    await page.goto(`${baseURL}/entities/${id}`);
    expect(await page.locator("h1").textContent()).toContain("해양 벨트");
    expect(await page.locator(".data-page").textContent()).toContain(block.text.slice(0, 20));
    await page.close();
  });

  it("unlinks a wrong mention, which stays gone after a reload", async () => {
    const page = await editor.context.newPage();
    await page.goto(readerURL);
    await page.locator(".notes-toggle").waitFor();
    const block = blocks().find((item) => item.mentions.some((mention) => mention.entityId === "indian-ocean")) as BriefView["sections"][number]["blocks"][number];
    const wrong = page.locator(`#${block.id} a.mention[data-entity="indian-ocean"]`);
    const before = await wrong.count();
    expect(before).toBeGreaterThan(0);
    await wrong.first().scrollIntoViewIfNeeded();
    await wrong.first().click();
    await page.locator(".curation-toolbar").getByRole("button", { name: "연결 해제" }).click();
    await expect.poll(() => wrong.count(), { timeout: 10_000 }).toBe(before - 1);

    await page.reload();
    await page.locator(".notes-toggle").waitFor();
    expect(await wrong.count()).toBe(before - 1);
    const api = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
    const there = api.sections.flatMap((section) => section.blocks).find((item) => item.id === block.id);
    expect(there?.mentions.filter((mention) => mention.entityId === "indian-ocean")).toHaveLength(before - 1);
    await page.close();
  });
});
