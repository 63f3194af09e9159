/**
 * The export and import page in Chromium: download the Markdown and JSON-LD files through the
 * page's links and read them; import a file through the form, by keyboard, and read the report.
 */
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView } from "@/lib/domain/brief";
import { launchBrowser, type TestBrowser } from "../support/browser";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const stamp = Date.now().toString(36);

let browser: TestBrowser;
let note: Annotation;
let blocks: BriefView["sections"][number]["blocks"];

beforeAll(async () => {
  browser = await launchBrowser();
  browser.context.setDefaultTimeout(10_000);
  const { request } = browser.context;
  const account = { email: `export-${stamp}@example.org`, password: "correct horse battery" };
  const signUp = await request.post(`${baseURL}/api/auth/sign-up/email`, { data: { name: "내보내기", ...account }, headers: { origin: baseURL } });
  expect(signUp.status()).toBe(200);
  // Sign-up never signs in (its answer must not tell whether the address had an account).
  expect((await request.post(`${baseURL}/api/auth/sign-in/email`, { data: account, headers: { origin: baseURL } })).status()).toBe(200);
  const view = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
  blocks = view.sections.flatMap((section) => section.blocks);
  const text = blocks.map((block) => block.text).join("\n");
  const exact = "전수방위";
  const start = Array.from(text.slice(0, text.indexOf(exact))).length;
  let at = 0;
  const block = blocks.find((item) => {
    const end = at + Array.from(item.text).length;
    const found = start >= at && start <= end;
    at = end + 1;
    return found;
  });
  const created = await request.post(`${baseURL}/api/annotations`, {
    data: { brief: slug, target: { blockId: block?.id, quote: { exact }, position: { start, end: start + Array.from(exact).length } }, body: `브라우저 내보내기 ${stamp}`, tags: ["내보내기 시험"] },
    headers: { origin: baseURL },
  });
  expect(created.status()).toBe(201);
  note = (await created.json()) as Annotation;
});

afterAll(async () => {
  await browser?.close();
});

async function download(page: Page, selector: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  const path = await file.path();
  return readFileSync(path, "utf8");
}

describe("/account/export", () => {
  it("downloads the Markdown and JSON-LD files through its links", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseURL}/account/export`);
    await page.locator(`a[data-export="markdown"][data-brief="${slug}"]`).waitFor();

    const markdown = await download(page, `a[data-export="markdown"][data-brief="${slug}"]`);
    expect(markdown.startsWith("---\n")).toBe(true);
    expect(markdown).toContain(`브라우저 내보내기 ${stamp}`);
    expect(markdown).toContain("#내보내기_시험");
    expect(markdown).toContain(`?note=${note.id}#${(note.target as { blockId: string }).blockId}`);

    const jsonld = JSON.parse(await download(page, 'a[data-export="jsonld"]')) as { type: string; total: number; first: { items: { id: string }[] } };
    expect(jsonld.type).toBe("AnnotationCollection");
    expect(jsonld.total).toBe(1);
    expect(jsonld.first.items[0].id).toBe(`${baseURL}/annotations/${note.id}`);

    const csv = await download(page, 'a[data-export="records-csv"]');
    expect(csv.split("\n")[0]).toContain(",");
    await page.close();
  });

  it("imports a file through the form, by keyboard, and shows what was imported, not anchored and refused", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseURL}/account/export`);
    const file = {
      type: "AnnotationPage",
      items: [
        { type: "Annotation", id: `urn:e2e:${stamp}:1`, bodyValue: "가져온 노트", target: { source: `${baseURL}/briefs/${slug}`, selector: { type: "TextQuoteSelector", exact: "미일동맹" } } },
        { type: "Annotation", id: `urn:e2e:${stamp}:2`, bodyValue: "자리 잃을 노트", target: { source: `${baseURL}/briefs/${slug}`, selector: { type: "TextQuoteSelector", exact: "이 브리프에는 결코 나오지 않는 문장입니다" } } },
        { type: "Annotation", bodyValue: "없는 개체", target: `${baseURL}/entities/no-such-entity` },
      ],
    };
    const input = page.locator('input[type="file"]');
    await input.setInputFiles({ name: "notes.jsonld", mimeType: "application/ld+json", buffer: Buffer.from(JSON.stringify(file)) });
    // Keyboard only from here: the checkbox, then the submit button.
    await input.focus();
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).resolves.toBe("keep");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");

    const report = page.locator(".import-report");
    await report.waitFor();
    await expect(report.getAttribute("data-imported")).resolves.toBe("2");
    const text = await report.innerText();
    expect(text).toContain("2개를 가져왔습니다");
    expect(text).toContain("이 브리프에는 결코 나오지 않는 문장입니다");
    expect(await page.locator(".report-errors li").innerText()).toContain("no-such-entity");
    // The report is announced: it sits in a live region.
    expect(await page.locator('[role="status"]').count()).toBe(1);

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(" ")) }))).toEqual([]);

    // Importing the same file again skips both.
    await input.setInputFiles({ name: "notes.jsonld", mimeType: "application/ld+json", buffer: Buffer.from(JSON.stringify(file)) });
    await page.locator('.import-form button[type="submit"]').click();
    await page.locator(".report-skipped li").first().waitFor();
    expect(await page.locator(".report-skipped li").count()).toBe(2);
    await page.close();
  });

  it("is linked from the reader's notes panel", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseURL}/briefs/${slug}`);
    await page.locator(".notes-toggle").click();
    await page.locator('#notes-panel a[href="/account/export"]').click();
    await page.waitForURL(`${baseURL}/account/export`);
    expect(await page.locator("h1").innerText()).toBe("내보내기·가져오기");
    await page.close();
  });
});
