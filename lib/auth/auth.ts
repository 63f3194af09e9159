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
import { MAX_PASSWORD_CHARS, MAX_USER_NAME_CHARS, MIN_PASSWORD_CHARS, roleForNewAccount } from "@/lib/domain/account";
import { clientAddress } from "@/lib/http/client-address";
import { type Mailer, mailerFromEnv } from "@/lib/mail/mailer";
import { limitFromEnv } from "@/lib/services/rate-limit";
import { authRateLimitStorage } from "@/lib/services/shared-rate-limit";
import { signInProtection } from "@/lib/services/sign-in-protection";
import { storedTextProblem } from "@/lib/text/stored-text";
import { accountExistsMail, signInLockoutMail, verificationMail } from "./account-mail";
import { passwordProblem } from "./password-policy";
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

/** Where a new password is given, by endpoint. */
const NEW_PASSWORD_FIELD: Record<string, string> = { "/sign-up/email": "password", "/change-password": "newPassword", "/reset-password": "newPassword" };

const emailOf = (body: Record<string, unknown>) => (typeof body.email === "string" ? body.email.trim().toLowerCase() : "");
const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Every text field of every account endpoint obeys the reader's rule for stored text (well-formed,
 * no U+0000; a name is also a label, so no bidirectional controls), answered as a 400 naming the
 * field; a name is stored NFC and trimmed. A new password obeys the password policy.
 */
async function checkedBody(path: string, body: Record<string, unknown>): Promise<Record<string, unknown> | null> {
  for (const [field, value] of Object.entries(body)) {
    if (typeof value !== "string") continue;
    const problem = storedTextProblem(value, { label: field === "name" });
    if (problem) throw new APIError("BAD_REQUEST", { message: problem, code: "INVALID_INPUT", field });
  }
  const passwordField = NEW_PASSWORD_FIELD[path];
  const password = passwordField ? body[passwordField] : undefined;
  if (typeof password === "string") {
    const problem = await passwordProblem(password, { email: emailOf(body) });
    if (problem) throw new APIError("BAD_REQUEST", { ...problem, field: passwordField });
  }
  let changed: Record<string, unknown> | null = null;
  if (typeof body.name === "string") {
    const name = body.name.normalize("NFC").trim();
    if (name === "" || Array.from(name).length > MAX_USER_NAME_CHARS) {
      throw new APIError("BAD_REQUEST", { message: `must have 1 to ${MAX_USER_NAME_CHARS} characters`, code: "INVALID_INPUT", field: "name" });
    }
    if (name !== body.name) changed = { ...body, name };
  }
  // Changing a password ends every other session unless the request says otherwise.
  if (path === "/change-password" && body.revokeOtherSessions === undefined) changed = { ...(changed ?? body), revokeOtherSessions: true };
  return changed;
}

function createAuth(secure: boolean) {
  const env = process.env;
  const mailer: Mailer | null = mailerFromEnv(env);
  const protection = signInProtection();
  return betterAuth({
    appName: "Brief Reader",
    secret: authSecret(env),
    // One instance per scheme, so that cookies are Secure exactly when the page was served over
    // https (behind a proxy: X-Forwarded-Proto, believed only from a TRUST_PROXY address), and
    // plain http on a LAN or loopback still works.
    baseURL: { allowedHosts: allowedHosts(env), protocol: secure ? "https" : "http" },
    // The provider decides how better-auth phrases some queries (case-insensitive matching).
    database: prismaAdapter(db(), { provider: providerOf(databaseUrl(env)) }),
    emailAndPassword: {
      enabled: true,
      // Sign-up never signs in: its answer is then the same whether or not the address already
      // had an account (better-auth answers a taken address with a made-up user, after hashing
      // the password as for a new one). The client signs in next (components/account).
      autoSignIn: false,
      // With mail, an address is confirmed before its account can sign in.
      requireEmailVerification: mailer !== null,
      minPasswordLength: MIN_PASSWORD_CHARS,
      maxPasswordLength: MAX_PASSWORD_CHARS,
      revokeSessionsOnPasswordReset: true,
      // The made-up user of a taken address looks like a new member's.
      customSyntheticUser: ({ coreFields, id }) => ({ ...coreFields, role: "member", id }),
      async onExistingUserSignUp({ user }) {
        // Not awaited: the answer must not wait for the mail (its timing would tell).
        if (mailer) void mailer.send(accountExistsMail(user.email));
      },
    },
    ...(mailer
      ? {
          emailVerification: {
            sendOnSignUp: true,
            sendOnSignIn: true,
            autoSignInAfterVerification: true,
            async sendVerificationEmail({ user, url }) {
              void mailer.send(verificationMail(user.email, url));
            },
          },
        }
      : {}),
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
      // Keyed on the client address scripts/serve.mjs resolved (see `advanced.ipAddress`).
      enabled: true,
      storage: "memory",
      // Several app processes on one PostgreSQL database count together, in the database.
      ...(providerOf(databaseUrl(env)) === "postgresql" ? { customStorage: authRateLimitStorage() } : {}),
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: limitFromEnv(env.AUTH_SIGN_INS_PER_MINUTE, 10) },
        "/sign-up/email": { window: 60, max: limitFromEnv(env.AUTH_SIGN_UPS_PER_MINUTE, 10) },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (context) => {
        const body = (context.body ?? {}) as Record<string, unknown>;
        const changed = typeof body === "object" ? await checkedBody(context.path, body) : null;
        if (context.path === "/sign-in/email") {
          const decision = await protection.check(emailOf(body), clientAddress(context.headers ?? new Headers()));
          if (!decision.allowed) {
            throw new APIError(
              "TOO_MANY_REQUESTS",
              { message: "Too many wrong passwords for this account from this address. Try again later, or from another network.", code: "SIGN_IN_LOCKED" },
              { "X-Retry-After": String(decision.retryAfterSeconds) },
            );
          }
          if (decision.delayMs > 0) await wait(decision.delayMs);
        }
        if (changed) return { context: { body: changed } };
      }),
      after: createAuthMiddleware(async (context) => {
        if (context.path !== "/sign-in/email") return;
        const body = (context.body ?? {}) as Record<string, unknown>;
        const account = emailOf(body);
        const address = clientAddress(context.headers ?? new Headers());
        const returned: unknown = context.context.returned;
        const status = returned instanceof APIError ? returned.statusCode : 200;
        if (status === 401) {
          await protection.failed(account, address);
          const decision = await protection.check(account, address);
          // The owner hears of a lockout when it starts (one mail per address and lockout).
          if (!decision.allowed && mailer && (await db().user.count({ where: { email: account } })) > 0) {
            void mailer.send(signInLockoutMail(account, address, new Date(Date.now() + decision.retryAfterSeconds * 1000)));
          }
        } else if (status < 300) {
          await protection.succeeded(account, address);
        }
      }),
    },
    advanced: {
      useSecureCookies: secure,
      // scripts/serve.mjs puts the one client address it trusts in X-Forwarded-For (TRUST_PROXY).
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
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

/**
 * True when the client reached the app over https: scripts/serve.mjs sets X-Forwarded-Proto from
 * the socket, or from a trusted proxy's header (TRUST_PROXY), replacing the client's own.
 */
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
