/** The session cookie's signature, checked as better-auth (better-call) checks it: what it signs passes, nothing else does. */
import { parseCookies } from "better-auth/cookies";
import { serializeSignedCookie } from "better-call";
import { describe, expect, it } from "vitest";
import { verifiedValue } from "@/lib/auth/signed-cookie";

const secret = "a-secret-of-at-least-thirty-two-characters";

/** The cookie's value as a browser sends it back and better-auth reads it. */
async function signed(value: string, key = secret): Promise<string> {
  const header = await serializeSignedCookie("better-auth.session_token", value, key);
  return parseCookies(header.split(";")[0]).get("better-auth.session_token") as string;
}

describe("verifiedValue", () => {
  it("gives back what better-call signed with the secret", async () => {
    for (const token of ["abc", "mXk3QfW0yLr8pT1vZs6Hn2Bd9GcE4uJa", "with.dots.inside"]) expect(verifiedValue(await signed(token), secret)).toBe(token);
  });

  it("refuses another secret's signature, a changed value or signature, and no signature", async () => {
    const good = await signed("token-1");
    expect(verifiedValue(await signed("token-1", `${secret}x`), secret)).toBeNull();
    expect(verifiedValue(good.replace("token-1", "token-2"), secret)).toBeNull();
    const signature = good.slice(good.lastIndexOf(".") + 1);
    const flipped = signature[0] === "A" ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(verifiedValue(`token-1.${flipped}`, secret)).toBeNull();
    // The same bytes in URL-safe base64 are not what better-call accepts either.
    expect(verifiedValue(`token-1.${signature.replace(/\+/g, "-").replace(/\//g, "_")}`, secret)).toBe(signature.includes("+") || signature.includes("/") ? null : "token-1");
    for (const bad of ["token-1", ".sig", "", "token-1."]) expect(verifiedValue(bad, secret)).toBeNull();
  });
});
