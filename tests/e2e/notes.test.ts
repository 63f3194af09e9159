/**
 * Highlights and shared notes in the browser: sign up in the UI, select text, highlight it and
 * write a note, reload and find them; a colleague sees the shared note arrive live and never the
 * private one; overlapping highlights are all reachable; Markdown in notes is rendered inert.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BriefView } from "@/lib/domain/brief";
import { launchBrowser, type TestBrowser } from "../support/browser";
import { selectInBlock } from "../support/page-helpers";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const readerURL = `${baseURL}/briefs/${slug}`;
const stamp = Date.now().toString(36);

let alice: TestBrowser;
let bob: TestBrowser;
let brief: BriefView;

beforeAll(async () => {
  brief = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
  alice = await launchBrowser();
  bob = await launchBrowser();
  // Fail fast with the locator in the message, rather than at the test's own timeout.
  alice.context.setDefaultTimeout(10_000);
  bob.context.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await alice?.close();
  await bob?.close();
});

/** Signs up, then in (sign-up never signs in), through the API with the browser's own cookie jar. */
async function signUp(context: BrowserContext, name: string) {
  const account = { email: `${name.toLowerCase()}-${stamp}@example.org`, password: "correct horse battery" };
  const response = await context.request.post(`${baseURL}/api/auth/sign-up/email`, { data: { name, ...account }, headers: { origin: baseURL } });
  expect(response.status()).toBe(200);
  expect((await context.request.post(`${baseURL}/api/auth/sign-in/email`, { data: account, headers: { origin: baseURL } })).status()).toBe(200);
}

/** Selects `text` inside the block with this id, as a reader's drag would. */
async function select(page: Page, blockId: string, text: string) {
  // The page is ready for notes once it knows who is reading (the notes button shows).
  await page.locator(".notes-toggle").waitFor();
  await selectInBlock(page, blockId, text);
}

const blockStarting = (prefix: string) => brief.sections.flatMap((section) => section.blocks).find((block) => block.text.startsWith(prefix))?.id as string;

const highlightSize = (page: Page, name: string) =>
  page.evaluate((name) => ((CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get(name)?.size ?? 0), name);

describe("highlights and notes", () => {
  it("signs up in the UI, highlights a span and writes a note, and finds both after a reload", async () => {
    const page = await alice.context.newPage();
    await page.goto(`${baseURL}/account?next=/briefs/${slug}`);
    await page.getByRole("button", { name: "계정이 없나요? 가입하기" }).click();
    await page.getByLabel("이름").fill(`Alice ${stamp}`);
    await page.getByLabel("이메일").fill(`alice-${stamp}@example.org`);
    await page.getByLabel("비밀번호 (10자 이상)").fill("correct horse battery");
    await page.getByRole("button", { name: "가입하기", exact: true }).click();
    await page.waitForURL(readerURL);
    await expect.poll(() => page.locator(".site-nav").textContent()).toContain(`Alice ${stamp}`);

    const point = blockStarting("2022년 1월 발효된 일호 RAA");
    await select(page, point, "2022년 1월 발효된 일호 RAA");
    const toolbar = page.getByRole("toolbar");
    await toolbar.getByRole("button", { name: "하이라이트" }).click();
    await expect.poll(() => highlightSize(page, "note-0")).toBeGreaterThan(0);

    await select(page, point, "법적 기반을 제공");
    await page.getByRole("toolbar").getByRole("button", { name: "노트" }).click();
    const form = page.locator(".note-form");
    await form.getByLabel("내용 (Markdown)").fill("**공유** 노트: 발효일이 2023-08-13 아닌가?");
    await form.getByText("팀과 공유").click();
    await expect(form.locator(".visibility-hint").textContent()).resolves.toBe("모든 팀원이 봅니다.");
    await form.getByRole("button", { name: "저장" }).click();
    const mine = (target: Page) => target.locator(".notes-list .note").filter({ hasText: `Alice ${stamp}` });
    await expect.poll(() => mine(page).count()).toBe(2);

    await page.reload();
    await page.locator(".notes-toggle").click();
    await expect.poll(() => mine(page).count()).toBe(2);
    expect(await mine(page).locator(".note-body strong").first().textContent()).toBe("공유");
    await expect.poll(() => highlightSize(page, "note-0")).toBeGreaterThan(0);
    await page.close();
  });

  it("shows a colleague's shared note within 5 seconds without a reload, and never a private one", async () => {
    await signUp(bob.context, "Bob");
    const bobPage = await bob.context.newPage();
    await bobPage.goto(readerURL);
    await bobPage.locator(".notes-toggle").click();
    const fromAlice = bobPage.locator(".notes-list .note").filter({ hasText: `Alice ${stamp}` });
    await expect.poll(() => fromAlice.count()).toBe(1); // Alice's shared note, not her private highlight

    const alicePage = await alice.context.newPage();
    await alicePage.goto(readerURL);
    const claim = blockStarting("2024년 7월 일본과 필리핀은");
    await select(alicePage, claim, "RAA에 서명");
    await alicePage.getByRole("toolbar").getByRole("button", { name: "노트" }).click();
    let form = alicePage.locator(".note-form");
    await form.getByLabel("내용 (Markdown)").fill("비밀 메모: 나만 본다");
    await form.getByRole("button", { name: "저장" }).click(); // private by default
    await expect.poll(() => alicePage.locator(".notes-list .note").filter({ hasText: "비밀 메모" }).count()).toBe(1);

    await select(alicePage, claim, "제도적 기초");
    await alicePage.getByRole("toolbar").getByRole("button", { name: "질문" }).click();
    form = alicePage.locator(".note-form");
    await form.getByLabel("내용 (Markdown)").fill("실시간으로 보이는 질문");
    await form.getByText("팀과 공유").click();
    const saved = Date.now();
    await form.getByRole("button", { name: "저장" }).click();

    await expect.poll(() => bobPage.locator(".notes-list").textContent(), { timeout: 5_000, interval: 250 }).toContain("실시간으로 보이는 질문");
    expect(Date.now() - saved).toBeLessThan(5_000);
    expect(await bobPage.locator(".notes-panel").textContent()).not.toContain("비밀 메모");
    await alicePage.close();
    await bobPage.close();
  });

  it("reaches every one of overlapping highlights from the spot they share", async () => {
    const page = await alice.context.newPage();
    await page.goto(readerURL);
    const point = blockStarting("일본과 호주는 방위장비품");
    await select(page, point, "GSOMIA(2013년 발효), ACSA(2017년");
    await page.getByRole("toolbar").getByRole("button", { name: "하이라이트" }).click();
    await expect.poll(() => highlightSize(page, "note-0")).toBeGreaterThan(0);
    await select(page, point, "ACSA(2017년 발효)");
    await page.getByRole("toolbar").getByRole("radio").nth(2).click();
    await page.getByRole("toolbar").getByRole("button", { name: "하이라이트" }).click();
    await expect.poll(() => highlightSize(page, "note-2")).toBeGreaterThan(0);

    // Click on "2017" (plain text, not the ACSA link), where both highlights lie.
    const box = await page.evaluate((blockId) => {
      const element = document.getElementById(blockId)?.querySelector(".brief-block-text") as HTMLElement;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf("(2017년");
        if (at >= 0 && !(node.parentElement as HTMLElement).closest("a")) {
          const range = document.createRange();
          range.setStart(node, at + 2);
          range.setEnd(node, at + 3);
          const rect = range.getBoundingClientRect();
          return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
        }
      }
      throw new Error("(2017년 not found");
    }, point);
    await page.mouse.click(box.x, box.y);
    await expect.poll(() => page.locator(".notes-panel").textContent()).toContain("이 위치의 노트 (2)");
    expect(await page.locator(".notes-list .note").count()).toBe(2);
    // Each is reachable: choosing one underlines it in the text.
    await page.locator(".notes-list .note-quote-link").nth(1).click();
    await expect.poll(() => highlightSize(page, "note-focus")).toBeGreaterThan(0);
    await page.close();
  });

  it("renders script tags, event handlers and javascript: links in notes inert", async () => {
    const page = await alice.context.newPage();
    const errors: string[] = [];
    page.on("dialog", (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(readerURL);
    const point = blockStarting("특히 일본은 필리핀에");
    await select(page, point, "레이더");
    await page.getByRole("toolbar").getByRole("button", { name: "노트" }).click();
    await page
      .locator(".note-form textarea")
      .fill('[클릭](javascript:alert(2)) <a href="javascript:alert(3)">a</a> <img src=x onerror="alert(1)">\n\n<script>alert("x")</script>');
    await page.locator(".note-form").getByRole("button", { name: "저장" }).click();
    await expect.poll(() => page.locator(".notes-list").textContent()).toContain("클릭");
    // Nothing dangerous anywhere in the panel: this note, and every shared note others wrote
    // (the integration tests store a whole XSS corpus, which renders here too).
    const dangerous = await page.evaluate(() => {
      const panel = document.querySelector(".notes-panel") as HTMLElement;
      const elements = [...panel.querySelectorAll("*")];
      return {
        tags: elements.filter((element) => ["SCRIPT", "IMG", "IFRAME", "OBJECT", "EMBED", "SVG", "STYLE"].includes(element.tagName.toUpperCase())).map((element) => element.tagName),
        handlers: elements.flatMap((element) => [...element.attributes].filter((attribute) => attribute.name.startsWith("on")).map((attribute) => attribute.name)),
        urls: elements.flatMap((element) => ["href", "src", "action", "formaction"].map((name) => element.getAttribute(name) ?? "")).filter((url) => /^\s*(javascript|data|vbscript):/i.test(url)),
      };
    });
    expect(dangerous).toEqual({ tags: [], handlers: [], urls: [] });
    const mineHere = page.locator(".notes-list .note").filter({ hasText: "클릭" });
    expect(await mineHere.count()).toBeGreaterThan(0);
    expect(await mineHere.first().locator("a").first().getAttribute("href")).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps notes on a whole agreement record in its side panel", async () => {
    const page = await alice.context.newPage();
    await page.goto(`${readerURL}?entity=raa-jp-au`);
    const panel = page.locator("aside.side-panel");
    await panel.getByRole("button", { name: "+ 노트" }).click();
    await panel.locator(".note-form textarea").fill(`발효일 확인 필요 ${stamp}`);
    await panel.locator(".note-form").getByText("팀과 공유").click();
    await panel.locator(".note-form").getByRole("button", { name: "저장" }).click();
    // The saved list, not the whole section: the form's textarea holds the same text until it is saved.
    await expect.poll(() => panel.locator(".entity-notes .notes-list").textContent()).toContain(`발효일 확인 필요 ${stamp}`);
    const api = await alice.context.request.get(`${baseURL}/api/annotations?brief=${slug}`);
    const saved = ((await api.json()) as { body: string; target: unknown }[]).find((annotation) => annotation.body === `발효일 확인 필요 ${stamp}`);
    expect(saved?.target).toEqual({ entityId: "raa-jp-au" });
    await page.close();
  });

  it("finds no serious or critical axe violations with the toolbar and the notes panel open", async () => {
    const page = await alice.context.newPage();
    await page.goto(readerURL);
    await select(page, blockStarting("일본과 호주는 방위장비품"), "RAA(2023년 발효)");
    await page.getByRole("toolbar").waitFor();
    await page.locator(".notes-toggle").click();
    await page.locator(".notes-panel").waitFor();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(" ")) }))).toEqual([]);
    await page.close();
  });
});
