/**
 * Live notes in the browser: the reader follows the brief's event stream, so a note a colleague
 * saves appears in an open reader within a second (on loopback), and leaves it as fast when
 * deleted; a private note never reaches it.
 */
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView } from "@/lib/domain/brief";
import { launchBrowser, type TestBrowser } from "../support/browser";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const stamp = Date.now().toString(36);

let alice: TestBrowser;
let bob: TestBrowser;
let brief: BriefView;

beforeAll(async () => {
  brief = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
  alice = await launchBrowser();
  bob = await launchBrowser();
  bob.context.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await alice?.close();
  await bob?.close();
});

async function signUp(context: BrowserContext, name: string) {
  const account = { email: `${name.toLowerCase()}-live-${stamp}@example.org`, password: "correct horse battery" };
  expect((await context.request.post(`${baseURL}/api/auth/sign-up/email`, { data: { name, ...account }, headers: { origin: baseURL } })).status()).toBe(200);
  expect((await context.request.post(`${baseURL}/api/auth/sign-in/email`, { data: account, headers: { origin: baseURL } })).status()).toBe(200);
}

/** A text target on the first occurrence of `exact` (code point offsets into the blocks joined by "\n"). */
function target(exact: string) {
  const blocks = brief.sections.flatMap((section) => section.blocks);
  let at = 0;
  for (const block of blocks) {
    const units = block.text.indexOf(exact);
    if (units >= 0) {
      const start = at + Array.from(block.text.slice(0, units)).length;
      return { blockId: block.id, quote: { exact }, position: { start, end: start + Array.from(exact).length } };
    }
    at += Array.from(block.text).length + 1;
  }
  throw new Error(`not in the brief: ${exact}`);
}

async function save(context: BrowserContext, input: Record<string, unknown>): Promise<Annotation> {
  const response = await context.request.post(`${baseURL}/api/annotations`, { data: { brief: slug, ...input }, headers: { origin: baseURL } });
  expect(response.status()).toBe(201);
  return (await response.json()) as Annotation;
}

describe("live notes", () => {
  it("shows a colleague's shared note in an open reader within a second, removes it as fast when deleted, and never shows a private one", async () => {
    await signUp(alice.context, `Alice${stamp}`);
    await signUp(bob.context, `Bob${stamp}`);
    const page = await bob.context.newPage();
    // The list is loaded once; after that only the stream brings changes (no polling).
    let listLoads = 0;
    page.on("request", (request) => {
      if (request.url().includes("/api/annotations?brief=")) listLoads++;
    });
    const streamOpened = page.waitForResponse((response) => response.url().includes(`/api/briefs/${slug}/events`) && response.status() === 200);
    await page.goto(`${baseURL}/briefs/${slug}`);
    await page.locator(".notes-toggle").click();
    await streamOpened;
    // The stream's `ready` arrives right after its headers; give the first list load a moment.
    await page.waitForTimeout(300);
    const notes = page.locator(".notes-list");

    await save(alice.context, { target: target("RAA에 서명"), body: `비밀 메모 ${stamp}` });
    const saved = performance.now();
    await save(alice.context, { target: target("제도적 기초"), body: `1초 안에 보이는 메모 ${stamp}`, visibility: "shared" });
    await expect.poll(() => notes.textContent(), { timeout: 1_000, interval: 20 }).toContain(`1초 안에 보이는 메모 ${stamp}`);
    expect(performance.now() - saved).toBeLessThan(1_000);
    expect(await page.locator(".notes-panel").textContent()).not.toContain(`비밀 메모 ${stamp}`);

    const shared = await save(alice.context, { target: target("제도적 기초"), body: `곧 지울 메모 ${stamp}`, visibility: "shared" });
    await expect.poll(() => notes.textContent(), { timeout: 1_000, interval: 20 }).toContain(`곧 지울 메모 ${stamp}`);
    const deleted = performance.now();
    expect((await alice.context.request.delete(`${baseURL}/api/annotations/${shared.id}`, { headers: { origin: baseURL } })).status()).toBe(200);
    await expect.poll(() => notes.textContent(), { timeout: 1_000, interval: 20 }).not.toContain(`곧 지울 메모 ${stamp}`);
    expect(performance.now() - deleted).toBeLessThan(1_000);
    expect(listLoads).toBe(1);
    await page.close();
  });
});
