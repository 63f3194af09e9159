/**
 * Accounts with better-auth: email and password (scrypt, better-auth's default), sessions in
 * the database, a `role` on every user. Served at /api/auth/* (app/api/auth/[...all]/route.ts).
 *
 * Works on any port of localhost/127.0.0.1 with no configuration; other hosts are added with
 * `AUTH_ALLOWED_HOSTS` (comma-separated, `*` wildcards) or `BETTER_AUTH_URL`. Requests from
 * origins outside that list are refused (better-auth's origin check).
 */
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { databaseUrl, providerOf } from "@/lib/database/database-url";
import { db } from "@/lib/database/prisma";
import { roleForNewAccount } from "@/lib/domain/account";
import { containsNul, NUL_MESSAGE } from "@/lib/text/stored-text";
import { createRateLimiter, limitFromEnv } from "@/lib/services/rate-limit";
import { authSecret } from "./secret";

/** The hosts whose own origin may use the auth endpoints. */
export function allowedHosts(env: Record<string, string | undefined> = process.env): string[] {
  const hosts = ["localhost:*", "localhost", "127.0.0.1:*", "127.0.0.1", "[::1]:*", "[::1]"];
  for (const entry of (env.AUTH_ALLOWED_HOSTS ?? "").split(",")) if (entry.trim()) hosts.push(entry.trim().replace(/^https?:\/\//, "").replace(/\/.*$/, ""));
  if (env.BETTER_AUTH_URL) {
    try {
      hosts.push(new URL(env.BETTER_AUTH_URL).host);
    } catch {
      // A malformed URL adds nothing; better-auth itself reports it.
    }
  }
  return [...new Set(hosts)];
}

// Sign-in attempts per email, whatever address they come from: better-auth's own limit is per
// client IP, which a botnet (or a forged X-Forwarded-For when no proxy strips it) spreads thin.
const signInsPerEmail = createRateLimiter({ limit: limitFromEnv(process.env.AUTH_SIGN_INS_PER_EMAIL, 20), windowMs: 10 * 60_000 });

function createAuth(secure: boolean) {
  const env = process.env;
  return betterAuth({
    appName: "Brief Reader",
    secret: authSecret(env),
    // One instance per scheme, so that cookies are Secure exactly when the page was served over
    // https (behind a proxy: X-Forwarded-Proto), and plain http on a LAN or loopback still works.
    baseURL: { allowedHosts: allowedHosts(env), protocol: secure ? "https" : "http" },
    // The provider decides how better-auth phrases some queries (case-insensitive matching).
    database: prismaAdapter(db(), { provider: providerOf(databaseUrl(env)) }),
    emailAndPassword: { enabled: true, autoSignIn: true, minPasswordLength: 8, maxPasswordLength: 128 },
    user: {
      additionalFields: {
        // input: false, so no sign-up or profile update can choose its own role.
        role: { type: "string", required: false, defaultValue: "member", input: false },
      },
    },
    databaseHooks: {
      user: {
        create: {
          async before(user) {
            const existing = await db().user.count();
            return { data: { ...user, role: roleForNewAccount(user.email, existing, env.ADMIN_EMAIL) } };
          },
        },
      },
    },
    rateLimit: {
      // better-auth enables it in production only by default; on everywhere, so tests see it too.
      enabled: true,
      storage: "memory",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: limitFromEnv(env.AUTH_SIGN_INS_PER_MINUTE, 10) },
        "/sign-up/email": { window: 60, max: limitFromEnv(env.AUTH_SIGN_UPS_PER_MINUTE, 10) },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (context) => {
        // Names, emails and the like go to the database, and PostgreSQL refuses U+0000 in text.
        const nul = Object.entries((context.body ?? {}) as Record<string, unknown>).find(([, value]) => typeof value === "string" && containsNul(value));
        if (nul) throw new APIError("BAD_REQUEST", { message: `${nul[0]}: ${NUL_MESSAGE}`, code: "INVALID_INPUT", field: nul[0] });
        if (context.path !== "/sign-in/email") return;
        const email = typeof context.body?.email === "string" ? context.body.email.trim().toLowerCase() : "";
        const decision = signInsPerEmail.take(email);
        if (!decision.allowed) {
          throw new APIError("TOO_MANY_REQUESTS", { message: "Too many sign-in attempts for this account. Please try again later." }, { "X-Retry-After": String(decision.retryAfterSeconds) });
        }
      }),
    },
    advanced: {
      useSecureCookies: secure,
      // Explicit: better-auth switches its origin/CSRF checks off whenever the environment has
      // TEST set (vitest sets it, and servers started from tests inherit it). Never here.
      disableOriginCheck: false,
      disableCSRFCheck: false,
    },
    telemetry: { enabled: false },
  });
}

type Auth = ReturnType<typeof createAuth>;
const instances = globalThis as unknown as { briefReaderAuth?: { secure?: Auth; plain?: Auth } };

/** True when the client reached the app over https (directly, or as the proxy in front says). */
export function isHttps(headers: Headers, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return url?.startsWith("https:") ?? false;
}

/** True for better-auth's refusal of a Host outside `allowedHosts`. */
export function isUnknownHostError(error: unknown): boolean {
  return error instanceof Error && /allowed hosts|determine host|resolve base URL/i.test(error.message);
}

/** The auth instance for a request's scheme, made on first use (not at import, so builds need no secret). */
export function authFor(headers: Headers, url?: string): Auth {
  const holder = (instances.briefReaderAuth ??= {});
  if (isHttps(headers, url)) return (holder.secure ??= createAuth(true));
  return (holder.plain ??= createAuth(false));
}
