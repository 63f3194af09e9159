/**
 * Personal API tokens in the browser: make one on /account with the keyboard, see its secret
 * once (focused, copyable), use it, find it listed without its secret after a reload, revoke it
 * with the keyboard, and see it stop working.
 */
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type TestBrowser } from "../support/browser";
import { particle } from "@/lib/i18n/particles";

const baseURL = inject("baseURL");
const stamp = Date.now().toString(36);
const tokenName = `Zotero ${stamp}`;

let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
  browser.context.setDefaultTimeout(10_000);
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const account = { email: `tokens-${stamp}@example.org`, password: "correct horse battery" };
  const response = await browser.context.request.post(`${baseURL}/api/auth/sign-up/email`, { data: { name: "Tokens", ...account }, headers: { origin: baseURL } });
  expect(response.status()).toBe(200);
  // Sign-up never signs in (its answer must not tell whether the address had an account).
  expect((await browser.context.request.post(`${baseURL}/api/auth/sign-in/email`, { data: account, headers: { origin: baseURL } })).status()).toBe(200);
});

afterAll(async () => {
  await browser?.close();
});

const useToken = (secret: string) => fetch(`${baseURL}/annotations/`, { headers: { authorization: `Bearer ${secret}` } });

describe("API tokens on the account page", () => {
  it("makes a token with the keyboard, shows its secret once, and revokes it with the keyboard", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseURL}/account`);
    const section = page.getByRole("region", { name: "API 토큰" });
    await section.getByText("아직 토큰이 없습니다.").waitFor();

    // Make one: type a name and press Enter.
    await section.getByLabel("토큰 이름").focus();
    await page.keyboard.type(tokenName);
    await page.keyboard.press("Enter");
    const secretBox = section.getByRole("textbox", { name: "새 토큰" });
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^brt_[A-Za-z0-9_-]{43}$/);
    // Focus moves to the secret, so a keyboard user can copy it at once.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(secret);
    await expect.poll(() => section.getByText("한 번만 보여 줍니다", { exact: false }).count()).toBe(1);

    await section.getByRole("button", { name: "복사" }).click();
    await expect.poll(() => section.locator(".api-token-copied").textContent()).toBe("복사했습니다");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    expect((await useToken(secret)).status).toBe(200);

    const row = section.getByRole("row", { name: new RegExp(tokenName) });
    await expect.poll(() => row.textContent()).toContain(secret.slice(0, 12));

    // Done: the secret is gone from the page, and never comes back.
    await section.getByRole("button", { name: "확인" }).click();
    expect(await secretBox.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("name");
    await page.reload();
    await section.getByRole("row", { name: new RegExp(tokenName) }).waitFor();
    expect(await page.content()).not.toContain(secret.slice(12));

    // Revoke: Enter on the row's button, then Enter on the confirmation (focused for it).
    await section.getByRole("button", { name: `토큰 “${tokenName}” 폐기` }).focus();
    await page.keyboard.press("Enter");
    await section.getByRole("button", { name: "폐기하기" }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("폐기하기");
    await page.keyboard.press("Enter");
    await expect.poll(() => section.locator(".api-token-status").textContent()).toBe(`토큰 “${tokenName}”${particle(tokenName, "을/를")} 폐기했습니다.`);
    expect(await section.getByRole("row", { name: new RegExp(tokenName) }).count()).toBe(0);
    expect((await useToken(secret)).status).toBe(401);
    await page.close();
  });

  it("cancels a revocation without revoking, and has no serious or critical axe violations", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseURL}/account`);
    const section = page.getByRole("region", { name: "API 토큰" });
    await section.getByLabel("토큰 이름").fill("kept");
    await section.getByLabel("만료").selectOption("30");
    await section.getByRole("button", { name: "토큰 만들기" }).click();
    const secret = await section.getByRole("textbox", { name: "새 토큰" }).inputValue();
    await section.getByRole("button", { name: "토큰 “kept” 폐기" }).click();
    await section.getByRole("button", { name: "취소" }).click();
    expect((await useToken(secret)).status).toBe(200);
    await expect.poll(() => section.getByRole("row", { name: /kept/ }).textContent()).not.toContain("없음");

    const results = await new AxeBuilder({ page }).include(".api-tokens").analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id);
    expect(serious).toEqual([]);
    await page.close();
  });
});
