/**
 * The secret that signs session cookies. `BETTER_AUTH_SECRET` wins; without it, one is made at
 * first start and kept in `data/auth-secret` (gitignored; `AUTH_SECRET_FILE` moves it), so
 * sessions survive restarts and no secret is ever committed.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export function secretFile(env: Record<string, string | undefined> = process.env): string {
  return env.AUTH_SECRET_FILE?.trim() || join(/* turbopackIgnore: true */ process.cwd(), "data", "auth-secret");
}

export function authSecret(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = secretFile(env);
  try {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  } catch {
    // Not made yet.
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": of two processes starting at once, one writes and the other reads what it wrote.
    writeFileSync(file, `${secret}\n`, { flag: "wx", mode: 0o600 });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length < 32) throw new Error(`${file} holds no usable secret (under 32 characters): delete it or set BETTER_AUTH_SECRET`);
    return stored;
  }
}
