/** Personal API tokens: the bearer header, the input schema, and how secrets are stored. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bearerCredential, createApiTokenSchema } from "@/lib/domain/api-token";
import { hashTokenSecret } from "@/lib/services/api-tokens";

describe("bearerCredential", () => {
  it("reads a Bearer credential, whatever the scheme's case and spacing", () => {
    expect(bearerCredential("Bearer brt_abc")).toBe("brt_abc");
    expect(bearerCredential("bearer   brt_abc  ")).toBe("brt_abc");
  });

  it("tells an empty Bearer header (refused) from another scheme or none (ignored)", () => {
    expect(bearerCredential("Bearer")).toBe("");
    expect(bearerCredential("Basic dXNlcjpwYXNz")).toBeNull();
    expect(bearerCredential(null)).toBeNull();
  });
});

describe("createApiTokenSchema", () => {
  it("trims the name and refuses an empty one, unknown fields and absurd expiries", () => {
    expect(createApiTokenSchema.parse({ name: "  Zotero " })).toEqual({ name: "Zotero" });
    expect(createApiTokenSchema.safeParse({ name: "   " }).success).toBe(false);
    expect(createApiTokenSchema.safeParse({ name: "x", scope: "all" }).success).toBe(false);
    expect(createApiTokenSchema.safeParse({ name: "x", expiresInDays: 0 }).success).toBe(false);
    expect(createApiTokenSchema.parse({ name: "x", expiresInDays: null })).toEqual({ name: "x", expiresInDays: null });
  });
});

describe("hashTokenSecret", () => {
  it("is SHA-256 in hex, so the stored value never contains the secret", () => {
    const hash = hashTokenSecret("brt_secret");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash("sha256").update("brt_secret").digest("hex"));
    expect(hashTokenSecret("brt_secret")).toBe(hash);
    expect(hashTokenSecret("brt_secreT")).not.toBe(hash);
  });
});
