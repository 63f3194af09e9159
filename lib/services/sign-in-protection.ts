/**
 * Password guessing is slowed per account without letting an attacker lock the owner out.
 *
 * Rules (all counts over the last `windowMs`, 15 minutes by default):
 * - An account and address pair: after `pairFailures` (5) wrong passwords, that address may not
 *   try that account again until the oldest of them is out of the window (429, Retry-After). The
 *   owner at any other address is not held back, and a right password clears the pair.
 * - An account from any address: past `freeFailures` (10) wrong passwords, every attempt on it
 *   waits before its password is checked, twice as long for each further failure
 *   (`baseDelayMs` 250 ms … `maxDelayMs` 5 s). It slows guessing from many addresses; it refuses
 *   nobody, so the owner's right password still signs in.
 * - An address over all accounts: better-auth's own limit (AUTH_SIGN_INS_PER_MINUTE, lib/auth/auth.ts).
 *
 * The owner sees it: `signInActivity` lists the recent failures, the addresses locked out and
 * until when, and whether attempts are being slowed (the account page shows it).
 *
 * Counts live behind `AttemptStore`: in this process's memory on SQLite (one process), in the
 * database on PostgreSQL (lib/db/sign-in-failures.ts), where several app processes serve the
 * same users and must count the same failures. The rules do not change with the store.
 */
import { addFailure, clearFailures, listFailures, sweepFailures } from "@/lib/db/sign-in-failures";
import { databaseUrl, providerOf } from "@/lib/database/database-url";
import { db } from "@/lib/database/prisma";
import { limitFromEnv } from "./rate-limit";

/** One failed attempt. */
export interface FailedAttempt {
  address: string;
  at: number;
}

/** Where failures are kept, per account (a lower-case email); a store may answer now or later. */
export interface AttemptStore {
  failures(account: string, since: number): FailedAttempt[] | Promise<FailedAttempt[]>;
  addFailure(account: string, attempt: FailedAttempt): void | Promise<void>;
  /** Forgets an address's failures on an account (it proved it knows the password). */
  clearAddress(account: string, address: string): void | Promise<void>;
  /** Drops what is older than `before` everywhere. */
  sweep(before: number): void | Promise<void>;
}

/** The failures in the database, shared by every process on it. */
export function databaseAttemptStore(): AttemptStore {
  return {
    failures: (account, since) => listFailures(db(), account, since),
    addFailure: (account, attempt) => addFailure(db(), account, attempt),
    clearAddress: (account, address) => clearFailures(db(), account, address),
    sweep: (before) => sweepFailures(db(), before),
  };
}

export function memoryAttemptStore(): AttemptStore {
  const byAccount = new Map<string, FailedAttempt[]>();
  return {
    failures(account, since) {
      return (byAccount.get(account) ?? []).filter((attempt) => attempt.at > since);
    },
    addFailure(account, attempt) {
      const list = byAccount.get(account) ?? [];
      list.push(attempt);
      byAccount.set(account, list);
    },
    clearAddress(account, address) {
      const list = byAccount.get(account);
      if (list) byAccount.set(account, list.filter((attempt) => attempt.address !== address));
    },
    sweep(before) {
      for (const [account, list] of byAccount) {
        const kept = list.filter((attempt) => attempt.at > before);
        if (kept.length === 0) byAccount.delete(account);
        else byAccount.set(account, kept);
      }
    },
  };
}

export interface SignInProtectionOptions {
  pairFailures: number;
  freeFailures: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  store?: AttemptStore;
  now?: () => number;
}

export type AttemptDecision = { allowed: true; delayMs: number } | { allowed: false; retryAfterSeconds: number };

/** What the owner of an account is shown about attempts on it. */
export interface SignInActivity {
  windowMinutes: number;
  /** Wrong passwords in the window, from any address. */
  failures: number;
  /** Addresses that may not try again yet, and when they may (ISO 8601). */
  lockedOut: { address: string; until: string }[];
  /** True when attempts on the account wait before their password is checked. */
  slowed: boolean;
}

export interface SignInProtection {
  /** Before a password is checked: refuse this address for this account, or say how long to wait. */
  check(account: string, address: string): Promise<AttemptDecision>;
  failed(account: string, address: string): Promise<void>;
  succeeded(account: string, address: string): Promise<void>;
  activity(account: string): Promise<SignInActivity>;
}

export function createSignInProtection(options: SignInProtectionOptions): SignInProtection {
  const now = options.now ?? Date.now;
  const store = options.store ?? memoryAttemptStore();
  let lastSweep = now();
  const recent = async (account: string) => {
    const at = now();
    if (at - lastSweep > options.windowMs) {
      lastSweep = at;
      await store.sweep(at - options.windowMs);
    }
    return store.failures(account, at - options.windowMs);
  };
  /** When an address's lockout on the account ends, or null when it is not locked out. */
  const lockedUntil = (failures: FailedAttempt[], address: string): number | null => {
    const own = failures.filter((attempt) => attempt.address === address);
    if (own.length < options.pairFailures) return null;
    // Locked until enough of its failures have left the window to allow one more try.
    return own[own.length - options.pairFailures].at + options.windowMs;
  };
  const delayFor = (failures: number) => {
    const over = failures - options.freeFailures;
    if (over < 0) return 0;
    return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(over, 20));
  };
  return {
    async check(account, address) {
      const failures = await recent(account);
      const until = lockedUntil(failures, address);
      if (until !== null) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now()) / 1000)) };
      return { allowed: true, delayMs: delayFor(failures.length) };
    },
    async failed(account, address) {
      await store.addFailure(account, { address, at: now() });
    },
    async succeeded(account, address) {
      await store.clearAddress(account, address);
    },
    async activity(account) {
      const failures = await recent(account);
      const lockedOut: SignInActivity["lockedOut"] = [];
      for (const address of new Set(failures.map((attempt) => attempt.address))) {
        const until = lockedUntil(failures, address);
        if (until !== null && until > now()) lockedOut.push({ address, until: new Date(until).toISOString() });
      }
      return { windowMinutes: Math.round(options.windowMs / 60_000), failures: failures.length, lockedOut, slowed: delayFor(failures.length) > 0 };
    },
  };
}

const holder = globalThis as unknown as { briefReaderSignInProtection?: SignInProtection };

/**
 * The process's protection, from the environment: `AUTH_SIGN_IN_FAILURES_PER_ADDRESS` (5) wrong
 * passwords per account and address, `AUTH_SIGN_IN_FREE_FAILURES` (10) per account before
 * attempts are slowed, both per `AUTH_SIGN_IN_WINDOW_MINUTES` (15).
 */
export function signInProtection(env: Record<string, string | undefined> = process.env): SignInProtection {
  return (holder.briefReaderSignInProtection ??= createSignInProtection({
    pairFailures: limitFromEnv(env.AUTH_SIGN_IN_FAILURES_PER_ADDRESS, 5),
    freeFailures: limitFromEnv(env.AUTH_SIGN_IN_FREE_FAILURES, 10),
    windowMs: limitFromEnv(env.AUTH_SIGN_IN_WINDOW_MINUTES, 15) * 60_000,
    baseDelayMs: 250,
    maxDelayMs: 5_000,
    store: providerOf(databaseUrl(env)) === "postgresql" ? databaseAttemptStore() : memoryAttemptStore(),
  }));
}

/** What the owner of an account (by email) is shown about sign-in attempts on it. */
export function signInActivity(email: string): Promise<SignInActivity> {
  return signInProtection().activity(email.trim().toLowerCase());
}
