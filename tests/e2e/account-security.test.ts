/**
 * The account page's protections in a real browser: the password policy's messages in the
 * reader's language (Korean, then English), sign-up followed by sign-in, the sign-in attempts
 * shown to the owner, and changing the password; no serious axe violation in the new section.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type TestBrowser } from "../support/browser";

const baseURL = inject("baseURL");
const stamp = Date.now().toString(36);

let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
  browser.context.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
});

/** Fills the sign-in/sign-up form (the page's first form). */
async function fillSignUp(page: Page, labels: { name: string; email: string; password: string }, values: { name: string; email: string; password: string }) {
  const form = page.locator("form.account-form").first();
  await form.getByLabel(labels.name, { exact: true }).fill(values.name);
  await form.getByLabel(labels.email, { exact: true }).fill(values.email);
  await form.getByLabel(labels.password, { exact: true }).fill(values.password);
}

describe("the account page", () => {
  it("words the password policy in Korean, signs up and in, shows no attempts, and changes the password", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseURL}/account?next=/account`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "계정이 없나요? 가입하기" }).click();
    const labels = { name: "이름", email: "이메일", password: "비밀번호 (10자 이상)" };
    const email = `guarded-${stamp}@example.org`;
    await fillSignUp(page, labels, { name: `보안 ${stamp}`, email, password: "qwertyuiop" });
    await page.getByRole("button", { name: "가입하기", exact: true }).click();
    await expect.poll(() => page.locator(".account-form .form-error").first().textContent()).toContain("너무 흔한 비밀번호입니다");

    await page.locator("form.account-form").first().getByLabel(labels.password, { exact: true }).fill("a long enough password");
    await page.getByRole("button", { name: "가입하기", exact: true }).click();
    await page.getByRole("heading", { name: "로그인 시도" }).waitFor();
    await expect.poll(() => page.locator(".account-security").textContent()).toContain("잘못된 비밀번호 시도가 없습니다");

    const form = page.locator(".account-security form");
    await form.getByLabel("현재 비밀번호").fill("not the password at all");
    await form.getByLabel("새 비밀번호 (10자 이상, 흔한 비밀번호 제외)").fill("the next password here");
    await form.getByRole("button", { name: "비밀번호 바꾸기" }).click();
    await expect.poll(() => form.getByRole("alert").textContent()).toContain("현재 비밀번호가 맞지 않습니다");

    await form.getByLabel("현재 비밀번호").fill("a long enough password");
    await form.getByLabel("새 비밀번호 (10자 이상, 흔한 비밀번호 제외)").fill("1234567890");
    await form.getByRole("button", { name: "비밀번호 바꾸기" }).click();
    await expect.poll(() => form.getByRole("alert").textContent()).toContain("너무 흔한 비밀번호입니다");

    await form.getByLabel("새 비밀번호 (10자 이상, 흔한 비밀번호 제외)").fill("the next password here");
    await form.getByRole("button", { name: "비밀번호 바꾸기" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toContain("다른 기기의 로그인은 모두 끝났습니다");
    const again = await fetch(`${baseURL}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseURL, "x-forwarded-for": "2001:db8:e2e::1" },
      body: JSON.stringify({ email, password: "the next password here" }),
    });
    expect(again.status).toBe(200);
    const results = await new AxeBuilder({ page }).include(".account-security").analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id);
    expect(serious).toEqual([]);
    await page.close();
  });

  it("words them in English for an English reader", async () => {
    // Signed in by the test above, the page would show the account instead of the forms.
    await browser.context.clearCookies();
    await browser.context.addCookies([{ name: "lang", value: "en", url: baseURL }]);
    const page = await browser.context.newPage();
    try {
      await page.goto(`${baseURL}/account`, { waitUntil: "networkidle" });
      await page.getByRole("button", { name: "No account? Sign up" }).click();
      await fillSignUp(page, { name: "Name", email: "Email", password: "Password (10+ characters)" }, { name: "Short", email: `short-${stamp}@example.org`, password: "1234567890" });
      await page.getByRole("button", { name: "Create account" }).click();
      await expect.poll(() => page.locator(".account-form .form-error").first().textContent()).toContain("This password is too common");
    } finally {
      await page.close();
      await browser.context.clearCookies({ name: "lang" });
    }
  });
});
