/**
 * Cookies signed as better-auth signs them (through better-call: `<value>.<base64 HMAC-SHA256 of
 * the value under the auth secret>`), checked without its async Web Crypto round trips: the
 * session cookie is checked on every signed-in request (lib/auth/session.ts).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The value of a signed cookie, or null when its signature is not the secret's. Compared as
 * better-call compares it: the exact base64 text (44 characters, padded).
 */
export function verifiedValue(signed: string, secret: string): string | null {
  const at = signed.lastIndexOf(".");
  if (at < 1) return null;
  const value = signed.slice(0, at);
  const signature = Buffer.from(signed.slice(at + 1));
  const expected = Buffer.from(createHmac("sha256", secret).update(value).digest("base64"));
  return signature.length === expected.length && timingSafeEqual(signature, expected) ? value : null;
}
