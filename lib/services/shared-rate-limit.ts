/**
 * A rate limit that every app process counts together. On PostgreSQL (where several processes
 * may serve the same users), hits are counted in the database in fixed windows (lib/db/rate-limits.ts):
 * at most `limit` per key per window of `windowMs`, the window being `floor(now / windowMs)`.
 * A fixed window lets a burst of up to twice the limit straddle a window's end, which a limit
 * meant to stop runaway scripts tolerates; in exchange each hit is one statement. On SQLite (one
 * process) the in-memory sliding window of rate-limit.ts counts them, as before.
 */
import "server-only";
import { countHit, sweepHits } from "@/lib/db/rate-limits";
import { databaseUrl, providerOf } from "@/lib/database/database-url";
import { db } from "@/lib/database/prisma";
import { createRateLimiter, type RateLimiter } from "./rate-limit";

export interface SharedRateLimiter {
  /** Counts a hit for the key; says whether it is allowed and, if not, when to retry. */
  take(key: string): Promise<ReturnType<RateLimiter["take"]>>;
}

/** A limit named `scope` (keys of different limits never meet), shared by every process on PostgreSQL. */
export function sharedRateLimiter(options: { scope: string; limit: number; windowMs: number; now?: () => number }): SharedRateLimiter {
  const now = options.now ?? Date.now;
  let memory: RateLimiter | null = null;
  let lastSweep = 0;
  return {
    async take(key) {
      if (providerOf(databaseUrl()) !== "postgresql") {
        memory ??= createRateLimiter(options);
        return memory.take(key);
      }
      const at = now();
      const window = Math.floor(at / options.windowMs);
      const ends = (window + 1) * options.windowMs;
      if (at - lastSweep > options.windowMs) {
        lastSweep = at;
        void sweepHits(db(), new Date(at - options.windowMs)).catch(() => undefined);
      }
      const count = await countHit(db(), { key: `${options.scope}:${key}:${window}`, expiresAt: new Date(ends) });
      if (count <= options.limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((ends - at) / 1000)) };
    },
  };
}

/**
 * better-auth's rate limit (per client address and path: AUTH_SIGN_INS_PER_MINUTE and the
 * rest, lib/auth/auth.ts) counted the same way in the database, for PostgreSQL deployments.
 */
export function authRateLimitStorage(): { consume(key: string, rule: { window: number; max: number }): Promise<{ allowed: boolean; retryAfter: number | null }> } {
  const limiters = new Map<string, SharedRateLimiter>();
  return {
    async consume(key, rule) {
      const id = `${rule.window}:${rule.max}`;
      let limiter = limiters.get(id);
      if (!limiter) limiters.set(id, (limiter = sharedRateLimiter({ scope: `auth:${id}`, limit: rule.max, windowMs: rule.window * 1000 })));
      const decision = await limiter.take(key);
      return decision.allowed ? { allowed: true, retryAfter: null } : { allowed: false, retryAfter: decision.retryAfterSeconds };
    },
  };
}
