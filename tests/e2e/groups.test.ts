/**
 * Groups in the browser: one member makes a group on the account page and an invite link; a
 * second joins through it; both write group notes (the audience chosen by the group's name in the
 * note form) and see each other's, and filter the panel by the group; a third member never sees
 * them; the second leaves and the group's notes are gone from their reader.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BriefView } from "@/lib/domain/brief";
import { launchBrowser, type TestBrowser } from "../support/browser";
import { selectInBlock } from "../support/page-helpers";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const readerURL = `${baseURL}/briefs/${slug}`;
const stamp = Date.now().toString(36);
const groupName = `연구 모임 ${stamp}`;

let ana: TestBrowser;
let ben: TestBrowser;
let cy: TestBrowser;
let brief: BriefView;

beforeAll(async () => {
  brief = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
  [ana, ben, cy] = await Promise.all([launchBrowser(), launchBrowser(), launchBrowser()]);
  for (const browser of [ana, ben, cy]) browser.context.setDefaultTimeout(10_000);
  await signUp(ana.context, "Ana");
  await signUp(ben.context, "Ben");
  await signUp(cy.context, "Cy");
});

afterAll(async () => {
  await Promise.all([ana?.close(), ben?.close(), cy?.close()]);
});

async function signUp(context: BrowserContext, name: string) {
  const account = { email: `group-${name.toLowerCase()}-${stamp}@example.org`, password: "correct horse battery" };
  const response = await context.request.post(`${baseURL}/api/auth/sign-up/email`, { data: { name: `${name} ${stamp}`, ...account }, headers: { origin: baseURL } });
  expect(response.status()).toBe(200);
  expect((await context.request.post(`${baseURL}/api/auth/sign-in/email`, { data: account, headers: { origin: baseURL } })).status()).toBe(200);
}

const blockStarting = (prefix: string) => brief.sections.flatMap((section) => section.blocks).find((block) => block.text.startsWith(prefix))?.id as string;

/** Selects `text` inside the block with this id, as a reader's drag would. */
async function select(page: Page, blockId: string, text: string) {
  // The page is ready for notes once it knows who is reading (the notes button shows).
  await page.locator(".notes-toggle").waitFor();
  await selectInBlock(page, blockId, text);
}

/** Writes a note on `text` for the group, through the reader's note form. */
async function writeGroupNote(page: Page, text: string, body: string) {
  await select(page, blockStarting("2024년 7월 일본과 필리핀은"), text);
  await page.getByRole("toolbar").getByRole("button", { name: "노트" }).click();
  const form = page.locator(".note-form");
  await form.getByLabel("내용 (Markdown)").fill(body);
  await form.getByText("그룹과 공유").click();
  await expect.poll(() => form.locator(".visibility-hint").first().textContent()).toBe(`그룹 “${groupName}”의 구성원만 봅니다.`);
  await expect.poll(() => form.locator(".visibility-group-choice select option:checked").textContent()).toBe(groupName);
  await form.getByRole("button", { name: "저장" }).click();
  await expect.poll(() => page.locator(".notes-list .note").filter({ hasText: body }).count()).toBe(1);
}

describe("groups", () => {
  let inviteUrl = "";

  it("makes a group on the account page and an invite link; a second member joins through it", async () => {
    const page = await ana.context.newPage();
    await page.goto(`${baseURL}/account`);
    await page.getByRole("link", { name: "그룹", exact: true }).click();
    await page.waitForURL(`${baseURL}/account/groups`);
    await page.getByLabel("이름").fill(groupName);
    await page.getByLabel("설명").fill("브리프를 함께 읽습니다");
    await page.getByRole("button", { name: "만들기" }).click();
    const item = page.locator(".group-item").filter({ hasText: groupName });
    await expect.poll(() => item.count()).toBe(1);
    await item.getByRole("button", { name: "초대 링크 만들기" }).click();
    inviteUrl = await item.getByLabel("초대 링크").inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${baseURL}/account/groups/join/brg_`));
    await page.close();

    const benPage = await ben.context.newPage();
    await benPage.goto(inviteUrl);
    expect(await benPage.locator("main, body").first().textContent()).toContain(groupName);
    await benPage.getByRole("button", { name: "그룹에 들어가기" }).click();
    await expect.poll(() => benPage.getByRole("status").textContent()).toContain("그룹에 들어왔습니다.");
    await benPage.goto(`${baseURL}/account/groups`);
    await benPage.locator(".group-item").filter({ hasText: groupName }).getByRole("button", { name: "구성원 보기" }).click();
    await expect.poll(() => benPage.locator(".group-members li").count()).toBe(2);
    await benPage.close();
  });

  it("lets the two see each other's group notes, filtered by the group, and never a third member", async () => {
    const anaPage = await ana.context.newPage();
    await anaPage.goto(readerURL);
    await writeGroupNote(anaPage, "RAA에 서명", `아나의 그룹 노트 ${stamp}`);
    expect(await anaPage.locator(".notes-list .note").filter({ hasText: `아나의 그룹 노트 ${stamp}` }).locator(".visibility-badge").first().textContent()).toBe(`그룹: ${groupName}`);

    const benPage = await ben.context.newPage();
    await benPage.goto(readerURL);
    await benPage.locator(".notes-toggle").click();
    await expect.poll(() => benPage.locator(".notes-list").textContent()).toContain(`아나의 그룹 노트 ${stamp}`);
    // A third member's reader is open too, before Ben writes: the live stream must not bring it to them.
    const cyPage = await cy.context.newPage();
    await cyPage.goto(readerURL);
    await cyPage.locator(".notes-toggle").click();
    await writeGroupNote(benPage, "제도적 기초", `벤의 그룹 노트 ${stamp}`);
    // Ana's open reader takes Ben's note in live (the brief's event stream), without a reload.
    const sent = Date.now();
    await expect.poll(() => anaPage.locator(".notes-list").textContent(), { timeout: 3_000, interval: 50 }).toContain(`벤의 그룹 노트 ${stamp}`);
    console.log(`group note live in a colleague's reader after ${Date.now() - sent} ms`);

    // The panel's visibility filter lists the group by name and keeps to it.
    const filter = benPage.getByLabel("공개 범위", { exact: true }).first();
    await filter.selectOption({ label: `그룹: ${groupName}` });
    const listed = await benPage.locator(".notes-list > .note").allTextContents();
    expect(listed.length).toBeGreaterThanOrEqual(2);
    for (const text of listed) expect(text).toContain(`그룹: ${groupName}`);
    await filter.selectOption({ label: "나만 보기" });
    expect(await benPage.locator(".notes-list").textContent().catch(() => "")).not.toContain(`그룹 노트 ${stamp}`);

    await cyPage.waitForTimeout(1_000);
    expect(await cyPage.locator(".notes-panel").textContent()).not.toContain(`그룹 노트 ${stamp}`);
    const search = await cyPage.request.get(`${baseURL}/api/search?q=${encodeURIComponent(stamp)}`);
    expect(JSON.stringify(await search.json())).not.toContain("그룹 노트");
    await Promise.all([anaPage.close(), benPage.close(), cyPage.close()]);
  });

  it("takes the group's notes out of sight of a member who leaves", async () => {
    const page = await ben.context.newPage();
    page.on("dialog", (dialog) => void dialog.accept());
    await page.goto(`${baseURL}/account/groups`);
    await page.locator(".group-item").filter({ hasText: groupName }).getByRole("button", { name: "그룹 나가기" }).click();
    await expect.poll(() => page.locator(".group-item").filter({ hasText: groupName }).count()).toBe(0);
    await page.goto(readerURL);
    await page.locator(".notes-toggle").click();
    await expect.poll(() => page.locator(".notes-list").textContent()).toContain(`벤의 그룹 노트 ${stamp}`);
    expect(await page.locator(".notes-list").textContent()).not.toContain(`아나의 그룹 노트 ${stamp}`);
    await page.close();
  });
});
