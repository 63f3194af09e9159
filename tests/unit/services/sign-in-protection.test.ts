/** The sign-in protection's rules on a clock of its own (lib/services/sign-in-protection.ts). */
import { describe, expect, it } from "vitest";
import { createSignInProtection } from "@/lib/services/sign-in-protection";

function protection() {
  let now = 1_000_000;
  const guard = createSignInProtection({ pairFailures: 5, freeFailures: 10, windowMs: 15 * 60_000, baseDelayMs: 250, maxDelayMs: 5_000, now: () => now });
  return { guard, advance: (ms: number) => (now += ms), now: () => now };
}

describe("sign-in protection", () => {
  it("stops an address after 5 failures on an account until the oldest leaves the window, and nobody else", () => {
    const { guard, advance } = protection();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(guard.check("a@x", "1.1.1.1")).toEqual({ allowed: true, delayMs: 0 });
      guard.failed("a@x", "1.1.1.1");
      advance(60_000);
    }
    expect(guard.check("a@x", "1.1.1.1")).toEqual({ allowed: false, retryAfterSeconds: 10 * 60 });
    expect(guard.check("a@x", "2.2.2.2")).toEqual({ allowed: true, delayMs: 0 });
    expect(guard.check("b@x", "1.1.1.1")).toEqual({ allowed: true, delayMs: 0 });
    advance(10 * 60_000);
    expect(guard.check("a@x", "1.1.1.1").allowed).toBe(true);
  });

  it("slows every attempt on an account past 10 failures from anywhere, doubling to 5 s, refusing none", () => {
    const { guard } = protection();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 17; attempt++) {
      const decision = guard.check("a@x", `10.0.0.${attempt}`);
      expect(decision.allowed).toBe(true);
      delays.push(decision.allowed ? decision.delayMs : -1);
      guard.failed("a@x", `10.0.0.${attempt}`);
    }
    expect(delays).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(guard.check("a@x", "192.0.2.1")).toEqual({ allowed: true, delayMs: 5000 });
  });

  it("forgets an address's failures when it signs in, and everything once out of the window", () => {
    const { guard, advance } = protection();
    for (let attempt = 0; attempt < 4; attempt++) guard.failed("a@x", "1.1.1.1");
    guard.succeeded("a@x", "1.1.1.1");
    guard.failed("a@x", "1.1.1.1");
    expect(guard.check("a@x", "1.1.1.1").allowed).toBe(true);
    expect(guard.activity("a@x").failures).toBe(1);
    advance(15 * 60_000 + 1);
    expect(guard.activity("a@x")).toEqual({ windowMinutes: 15, failures: 0, lockedOut: [], slowed: false });
  });

  it("shows the owner the failures, the stopped addresses with the end of their stop, and the slowing", () => {
    const { guard, now } = protection();
    for (let attempt = 0; attempt < 5; attempt++) guard.failed("a@x", "198.51.100.7");
    for (let attempt = 0; attempt < 6; attempt++) guard.failed("a@x", `203.0.113.${attempt}`);
    expect(guard.activity("a@x")).toEqual({
      windowMinutes: 15,
      failures: 11,
      lockedOut: [{ address: "198.51.100.7", until: new Date(now() + 15 * 60_000).toISOString() }],
      slowed: true,
    });
  });
});
