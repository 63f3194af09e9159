/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download does not work
 * here). The flags keep it from calling out to Google's hosts on this closed network.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { testAddress } from "./http-client";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh browser profile in a temporary folder, removed on close. */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: "ko-KR",
    // Each browser its own client address, as each reader has (the test server believes
    // X-Forwarded-For from loopback): otherwise every browser test signs up and in from 127.0.0.1,
    // and when several files do so in the same minute the per-address limits answer 429.
    extraHTTPHeaders: { "x-forwarded-for": testAddress() },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
