/** The sign-in protection's rules on a clock of its own (lib/services/sign-in-protection.ts). */
import { describe, expect, it } from "vitest";
import { createSignInProtection } from "@/lib/services/sign-in-protection";

function protection() {
  let now = 1_000_000;
  const guard = createSignInProtection({ pairFailures: 5, freeFailures: 10, windowMs: 15 * 60_000, baseDelayMs: 250, maxDelayMs: 5_000, now: () => now });
  return { guard, advance: (ms: number) => (now += ms), now: () => now };
}

describe("sign-in protection", async () => {
  it("stops an address after 5 failures on an account until the oldest leaves the window, and nobody else", async () => {
    const { guard, advance } = protection();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await guard.check("a@x", "1.1.1.1")).toEqual({ allowed: true, delayMs: 0 });
      await guard.failed("a@x", "1.1.1.1");
      advance(60_000);
    }
    expect(await guard.check("a@x", "1.1.1.1")).toEqual({ allowed: false, retryAfterSeconds: 10 * 60 });
    expect(await guard.check("a@x", "2.2.2.2")).toEqual({ allowed: true, delayMs: 0 });
    expect(await guard.check("b@x", "1.1.1.1")).toEqual({ allowed: true, delayMs: 0 });
    advance(10 * 60_000);
    expect((await guard.check("a@x", "1.1.1.1")).allowed).toBe(true);
  });

  it("slows every attempt on an account past 10 failures from anywhere, doubling to 5 s, refusing none", async () => {
    const { guard } = protection();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 17; attempt++) {
      const decision = await guard.check("a@x", `10.0.0.${attempt}`);
      expect(decision.allowed).toBe(true);
      delays.push(decision.allowed ? decision.delayMs : -1);
      await guard.failed("a@x", `10.0.0.${attempt}`);
    }
    expect(delays).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(await guard.check("a@x", "192.0.2.1")).toEqual({ allowed: true, delayMs: 5000 });
  });

  it("forgets an address's failures when it signs in, and everything once out of the window", async () => {
    const { guard, advance } = protection();
    for (let attempt = 0; attempt < 4; attempt++) await guard.failed("a@x", "1.1.1.1");
    await guard.succeeded("a@x", "1.1.1.1");
    await guard.failed("a@x", "1.1.1.1");
    expect((await guard.check("a@x", "1.1.1.1")).allowed).toBe(true);
    expect((await guard.activity("a@x")).failures).toBe(1);
    advance(15 * 60_000 + 1);
    expect(await guard.activity("a@x")).toEqual({ windowMinutes: 15, failures: 0, lockedOut: [], slowed: false });
  });

  it("shows the owner the failures, the stopped addresses with the end of their stop, and the slowing", async () => {
    const { guard, now } = protection();
    for (let attempt = 0; attempt < 5; attempt++) await guard.failed("a@x", "198.51.100.7");
    for (let attempt = 0; attempt < 6; attempt++) await guard.failed("a@x", `203.0.113.${attempt}`);
    expect(await guard.activity("a@x")).toEqual({
      windowMinutes: 15,
      failures: 11,
      lockedOut: [{ address: "198.51.100.7", until: new Date(now() + 15 * 60_000).toISOString() }],
      slowed: true,
    });
  });
});
