/**
 * A sliding-window limit per key (a user, an email): at most `limit` hits in any `windowMs`.
 * Kept in this process's memory, which is enough for the one-process SQLite deployment; a
 * restart forgets the counts, which errs on the side of letting people in.
 */
export interface RateLimiter {
  /** Counts a hit for the key; says whether it is allowed and, if not, when to retry. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

export function createRateLimiter(options: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const hits = new Map<string, number[]>();
  let lastSweep = now();
  return {
    take(key) {
      const at = now();
      const since = at - options.windowMs;
      // Forget idle keys now and then, so the map stays as small as the set of active users.
      if (at - lastSweep > options.windowMs) {
        for (const [other, times] of hits) if (times[times.length - 1] <= since) hits.delete(other);
        lastSweep = at;
      }
      // Times are appended in order, so the expired ones are at the front: dropping them costs
      // what expired, not a copy of the window (which holds thousands under a raised limit).
      let recent = hits.get(key);
      if (!recent) hits.set(key, (recent = []));
      let expired = 0;
      while (expired < recent.length && recent[expired] <= since) expired++;
      if (expired > 0) recent.splice(0, expired);
      if (recent.length >= options.limit) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + options.windowMs - at) / 1000)) };
      }
      recent.push(at);
      return { allowed: true };
    },
  };
}

/** A positive integer from the environment, or the default. */
export function limitFromEnv(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
