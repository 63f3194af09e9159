import { describe, expect, it } from "vitest";
import { newNonce, nonceOf, pagePolicy } from "@/lib/http/content-security-policy";

/** The policy as a map of directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

describe("the pages' Content-Security-Policy", () => {
  it("runs only scripts that carry the nonce, or that such scripts load, and nothing inline or eval'd", () => {
    const policy = directives(pagePolicy("abc123=="));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    for (const [name, sources] of policy) {
      expect(sources, name).not.toContain("'unsafe-inline'");
      expect(sources, name).not.toContain("'unsafe-eval'");
    }
  });

  it("allows no plugins, no <base>, no framing, forms and connections to its own origin only", () => {
    const policy = directives(pagePolicy("n"));
    expect(Object.fromEntries(policy)).toMatchObject({
      "default-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'none'"],
      "frame-ancestors": ["'none'"],
      "form-action": ["'self'"],
      "img-src": ["'self'", "data:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
    });
  });

  it("relaxes only what `next dev` needs, and only in development", () => {
    const policy = directives(pagePolicy("n", { dev: true }));
    expect(policy.get("script-src")).toContain("'unsafe-eval'");
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
    expect(policy.get("style-src")).toContain("'unsafe-inline'");
  });

  it("makes a fresh 128-bit nonce each time, in CSP's base64 grammar, that Next can read back", () => {
    const nonces = Array.from({ length: 1000 }, newNonce);
    expect(new Set(nonces).size).toBe(1000);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(nonceOf(pagePolicy(nonce))).toBe(nonce);
    }
  });
});
