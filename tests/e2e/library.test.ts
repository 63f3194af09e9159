/**
 * The library in the browser: an editor drops a PDF on the library page, sees the preview with
 * the structure and the pages, publishes, opens the brief, highlights a sentence of page 2 and
 * sees "p. 2"; the list's filters work without script; bad files are refused in Korean. On a
 * server of its own, so the brief published here is not in what other tests count on.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BriefView } from "@/lib/domain/brief";
import type { Member } from "@/lib/domain/member";
import { launchBrowser, type TestBrowser } from "../support/browser";
import { TestClient, uniqueEmail } from "../support/http-client";
import { type SecondApp, startSecondApp } from "../support/second-app";

let app: SecondApp;
let baseURL: string;
const ADMIN_EMAIL = "admin@brief-reader.test";
const PASSWORD = "correct horse battery staple";
const fixtures = join(import.meta.dirname, "..", "fixtures", "ingest");

let browser: TestBrowser;
let email: string;

beforeAll(async () => {
  app = await startSecondApp({ ADMIN_EMAIL });
  baseURL = app.url;
  const admin = new TestClient(baseURL);
  if ((await admin.signIn(ADMIN_EMAIL)) !== 200) await admin.signUp("Admin", ADMIN_EMAIL);
  email = uniqueEmail("editor");
  const editor = await new TestClient(baseURL).signUp("편집자", email, PASSWORD);
  expect((await admin.patch<Member>(`/api/members/${editor.user?.id}`, { role: "editor" })).status).toBe(200);
  browser = await launchBrowser();
  browser.context.setDefaultTimeout(15_000);
  const signedIn = await browser.context.request.post(`${baseURL}/api/auth/sign-in/email`, { data: { email, password: PASSWORD }, headers: { origin: baseURL } });
  expect(signedIn.status()).toBe(200);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Drops a file on the page's drop zone, as a drag from the desktop does. */
async function dropFile(page: Page, bytes: Buffer, name: string, type: string) {
  const zone = page.getByTestId("drop-zone");
  const transfer = await page.evaluateHandle(
    ({ data, name, type }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name, { type }));
      return transfer;
    },
    { data: [...bytes], name, type },
  );
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}

describe("an editor adds a PDF", () => {
  it("drops it, checks the preview, publishes, highlights a sentence on page 2 and sees p. 2", { timeout: 90_000 }, async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseURL}/`);
    await dropFile(page, readFileSync(join(fixtures, "pdf-lib-numbered", "input.pdf")), "numbered.pdf", "application/pdf");
    await expect.poll(() => page.locator(".drop-file").textContent()).toContain("numbered.pdf");
    await page.getByRole("button", { name: "올리기" }).click();

    // The upload lands on the preview: the structure, with the page each block starts on.
    await page.waitForURL(/\/briefs\/[a-z0-9-]+\/preview$/, { timeout: 60_000 });
    const slug = new URL(page.url()).pathname.split("/")[2];
    await page.getByRole("heading", { name: "읽어 낸 구조" }).waitFor();
    expect(await page.getByText("초안입니다").count()).toBe(1);
    expect(await page.locator(".preview-outline .preview-page", { hasText: "p. 2" }).count()).toBeGreaterThan(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);

    // Still a draft: not in a reader's list.
    const anonymous = (await (await fetch(`${baseURL}/api/briefs`)).json()) as { slug: string }[];
    expect(anonymous.map((entry) => entry.slug)).not.toContain(slug);

    await page.getByRole("button", { name: "공개" }).click();
    await page.waitForURL(`${baseURL}/briefs/${slug}`);
    const brief = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
    const onPageTwo = brief.sections.flatMap((section) => section.blocks).find((block) => block.page === 2 && [...block.text].length > 12);
    expect(onPageTwo).toBeDefined();
    const block = page.locator(`[id="${onPageTwo?.id}"]`);
    await block.scrollIntoViewIfNeeded();
    expect(await block.locator(":scope > .block-page").textContent()).toBe("p. 2");

    // Highlight the sentence: select it as a reader's drag would, then the toolbar's highlight.
    await page.locator(".notes-toggle").waitFor();
    await page.evaluate((id) => {
      const text = document.getElementById(id)?.querySelector(".brief-block-text");
      if (!text) throw new Error(`no block ${id}`);
      text.scrollIntoView({ block: "center" });
      const first = document.createTreeWalker(text, NodeFilter.SHOW_TEXT).nextNode() as Text;
      const range = document.createRange();
      range.setStart(first, 0);
      range.setEnd(first, Math.min(first.data.length, 10));
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }, onPageTwo?.id as string);
    await page.getByRole("toolbar").getByRole("button", { name: "하이라이트" }).click();
    await page.locator(".notes-toggle").click();
    const note = page.locator(".notes-list .note").first();
    await note.waitFor();
    expect(await note.locator(".note-page").textContent()).toBe(" p. 2");
  });

  it("says in Korean why a scanned PDF is refused, and stores nothing", { timeout: 60_000 }, async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseURL}/`);
    const before = await page.locator("li.brief-card").count();
    await dropFile(page, readFileSync(join(fixtures, "pdf-scan", "input.pdf")), "scan.pdf", "application/pdf");
    await page.getByRole("button", { name: "올리기" }).click();
    const alert = page.locator(".upload-panel [role=alert]");
    await expect.poll(() => alert.textContent(), { timeout: 45_000 }).toContain("스캔 이미지");
    await page.reload();
    expect(await page.locator("li.brief-card").count()).toBe(before);
  });
});

describe("the list", () => {
  it("filters by institute and by an entity mentioned, as a plain form", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseURL}/`);
    await page.getByLabel("언급된 개체").selectOption("gb");
    await page.getByRole("button", { name: "적용" }).click();
    await page.waitForURL(/entity=gb/);
    const slugs = await page.locator("li.brief-card").evaluateAll((cards) => cards.map((card) => card.getAttribute("data-slug")));
    expect(slugs).toContain("japan-quasi-alliance");
    await page.getByLabel("제목 검색").fill("존재하지 않는 제목");
    await page.getByRole("button", { name: "적용" }).click();
    await page.getByText("조건에 맞는 브리프가 없습니다.").waitFor();
  });
});
