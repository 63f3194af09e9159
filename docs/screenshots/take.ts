/**
 * Screenshots of the reading loop's main states, at 1440×900 and 390×844, in Korean and English,
 * against a running app: `BASE_URL=http://127.0.0.1:3000 npx tsx docs/screenshots/take.ts`.
 * Saves `docs/screenshots/<state>-<lang>-<width>.png` (the window, not the whole page), so a
 * change of look is a reviewed diff. Signs up a throw-away account on that app to show notes.
 * With `pngquant` on the PATH (Debian: `apt-get install pngquant`), the PNGs are quantized to
 * about half their size with no visible loss.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";

const base = (process.env.BASE_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const out = dirname(fileURLToPath(import.meta.url));
const slug = process.env.BRIEF ?? "japan-quasi-alliance";
const reader = `${base}/briefs/${slug}`;
const sizes = [
  { name: "1440", viewport: { width: 1440, height: 900 } },
  { name: "390", viewport: { width: 390, height: 844 } },
] as const;
const languages = ["ko", "en"] as const;
const stamp = Date.now().toString(36);

function hasPngquant(): boolean {
  try {
    execFileSync("pngquant", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const shrink = hasPngquant();

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400); // smooth scrolling and the panel's chunk settle
  const path = join(out, `${name}.png`);
  await page.screenshot({ path, animations: "disabled", caret: "hide" });
  if (shrink) execFileSync("pngquant", ["--quality", "60-85", "--speed", "3", "--force", "--output", path, path]);
  console.log(`${name}.png ${Math.round(statSync(path).size / 1024)} kB`);
}

/** Selects `text` in the first block that has it, as a reader's drag would. */
async function select(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    document.documentElement.style.scrollBehavior = "auto";
    for (const element of document.querySelectorAll(".brief-block-text")) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let whole = "";
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push(node as Text);
        whole += (node as Text).data;
      }
      const start = whole.indexOf(wanted);
      if (start < 0) continue;
      element.scrollIntoView({ block: "center" });
      const range = document.createRange();
      let at = 0;
      let started = false;
      for (const node of nodes) {
        const end = at + node.data.length;
        if (!started && start >= at && start <= end) {
          range.setStart(node, start - at);
          started = true;
        }
        if (start + wanted.length <= end) {
          range.setEnd(node, start + wanted.length - at);
          break;
        }
        at = end;
      }
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`“${wanted}” is not in the brief`);
  }, text);
  await page.getByRole("toolbar").waitFor();
}

async function signUp(context: BrowserContext, name: string): Promise<void> {
  const response = await context.request.post(`${base}/api/auth/sign-up/email`, {
    data: { name, email: `screens-${name}-${stamp}@example.org`, password: "correct horse battery" },
    headers: { origin: base },
  });
  if (!response.ok()) throw new Error(`sign-up failed: ${response.status()} ${await response.text()}`);
}

async function notesOn(context: BrowserContext): Promise<void> {
  const brief = (await (await context.request.get(`${base}/api/briefs/${slug}`)).json()) as { sections: { blocks: { id: string; text: string }[] }[] };
  const blocks = brief.sections.flatMap((section) => section.blocks);
  const text = blocks.map((block) => block.text).join("\n");
  const note = async (exact: string, extra: Record<string, unknown>) => {
    const start = Array.from(text.slice(0, text.indexOf(exact))).length;
    let at = 0;
    const block = blocks.find((item) => {
      const end = at + Array.from(item.text).length;
      const found = start >= at && start <= end;
      at = end + 1;
      return found;
    });
    await context.request.post(`${base}/api/annotations`, {
      data: { brief: slug, target: { blockId: block?.id, quote: { exact }, position: { start, end: start + Array.from(exact).length } }, ...extra },
      headers: { origin: base },
    });
  };
  await note("전수방위", { motivation: "highlighting", color: "#ffd400" });
  await note("미일동맹", { motivation: "questioning", body: "미일동맹과 준동맹의 경계는?", visibility: "shared" });
  await note("준동맹", { motivation: "commenting", body: "**준동맹**: 조약 없는 동맹급 협력.", tags: ["정의"], visibility: "shared" });
  await note("2022년 1월 발효된 일호 RAA", { motivation: "tagging", body: "발효는 2023-08-13", visibility: "shared" });
}

async function main(): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), "screens-"));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  try {
    const colleague = await browser.newContext();
    await signUp(colleague, "colleague");
    await notesOn(colleague);
    await colleague.close();
    for (const lang of languages) {
      for (const size of sizes) {
        const context = await browser.newContext({ viewport: size.viewport, locale: lang === "ko" ? "ko-KR" : "en-GB", colorScheme: "light" });
        await context.addCookies([{ name: "lang", value: lang, url: base }]);
        const name = (state: string) => `${state}-${lang}-${size.name}`;
        // Jumps scroll instantly here: a screenshot taken mid smooth-scroll shows the sticky bar adrift.
        await context.addInitScript(() => document.addEventListener("DOMContentLoaded", () => (document.documentElement.style.scrollBehavior = "auto")));
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);

        await page.goto(reader);
        await page.locator("h1.brief-title").waitFor();
        await shot(page, name("reader"));

        if (size.name === "390") {
          await page.locator(".site-menu-button").click();
          await shot(page, name("menu"));
          await page.keyboard.press("Escape");
        }

        await page.goto(`${reader}?entity=raa-jp-au`);
        await page.locator("#side-panel-title").waitFor();
        await page.locator('a.mention[data-entity="raa-jp-au"]').first().evaluate((element) => element.scrollIntoView({ block: "center" }));
        await shot(page, name("entity-panel"));

        await signUp(context, `reader-${lang}-${size.name}`);
        await notesOn(context);
        await page.goto(reader);
        await page.locator(".notes-toggle").waitFor();
        await select(page, "법적 기반을 제공");
        await shot(page, name("selection"));
        await page.getByRole("toolbar").getByRole("button", { name: lang === "ko" ? "노트" : "Note", exact: true }).click();
        await page.locator(".note-form textarea").fill(lang === "ko" ? "근거 자료를 확인할 것" : "Check the source");
        await shot(page, name("note-form"));
        await page.locator(".note-form").getByRole("button", { name: lang === "ko" ? "저장" : "Save" }).click();
        await page.locator(".note-form").waitFor({ state: "detached" });
        await shot(page, name("notes-panel"));

        await page.keyboard.press("Escape");
        await page.keyboard.press("?");
        await page.locator("dialog.shortcuts[open]").waitFor();
        await shot(page, name("shortcuts"));
        await page.keyboard.press("Escape");

        await page.goto(`${base}/agreements`);
        await page.locator("table.matrix").waitFor();
        await shot(page, name("agreements"));

        await page.goto(`${base}/account`);
        await page.locator(".account-summary").waitFor();
        await shot(page, name("account"));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
