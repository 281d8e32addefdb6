import type { RedisConnection } from '@oauth-flow-lab/redis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';

/** What FailureLimiter uses of a rate-limiter-flexible limiter, in memory or in Redis. */
type Counter = Pick<RateLimiterMemory, 'get' | 'penalty' | 'delete'>;

/** At most `maxFailures` failures per key within a fixed window of `windowSeconds`. */
export interface FailureLimit {
  /** What the key counts, e.g. `ip` or `client+ip`: the limiter's key prefix. */
  name: string;
  maxFailures: number;
  windowSeconds: number;
}

/**
 * Guessing protection (RFC 6749 §10.10, "Credentials-Guessing Attacks"): failures are counted under
 * several keys at once (e.g. the account and the client's address), and while any key is over its
 * limit every attempt is refused before the secret is even looked at, whether it would have been
 * right or not, so a guesser learns nothing from the answer.
 *
 * The counters are rate-limiter-flexible's fixed windows:
 * - without Redis (one instance), in this process's memory: a restart forgets them;
 * - with a Redis connection (REDIS_URL), in Redis, so every replica counts the same failures: a
 *   guesser spreading attempts over replicas behind a load balancer gets no more tries. While Redis
 *   cannot be reached, each replica counts in its own memory (the library's insurance limiter)
 *   rather than letting every attempt through or refusing everyone.
 */
export class FailureLimiter<Keys extends string> {
  private readonly limiters: Record<Keys, { limit: FailureLimit; counter: Counter }>;

  constructor(limits: Record<Keys, FailureLimit>, redis: RedisConnection | null = null) {
    const entries = (Object.keys(limits) as Keys[]).map((key) => {
      const limit = limits[key];
      const window = {
        keyPrefix: limit.name,
        points: limit.maxFailures,
        duration: limit.windowSeconds,
      };
      const inMemory = new RateLimiterMemory(window);
      const counter: Counter =
        redis === null
          ? inMemory
          : new RateLimiterRedis({
              ...window,
              storeClient: redis,
              useRedisPackage: true,
              rejectIfRedisNotReady: true,
              insuranceLimiter: inMemory,
            });
      return [key, { limit, counter }] as const;
    });
    this.limiters = Object.fromEntries(entries) as typeof this.limiters;
  }

  /**
   * Seconds until every one of these keys may try again, or undefined when none is over its limit.
   * Reading does not count: only recordFailure does.
   */
  async retryAfterSeconds(keys: Record<Keys, string>): Promise<number | undefined> {
    const waits = await Promise.all(
      this.each(keys, async ({ limit, counter }, key) => {
        const state = await counter.get(key);
        return state !== null && state.consumedPoints >= limit.maxFailures
          ? secondsUntilReset(state)
          : 0;
      }),
    );
    const longest = Math.max(0, ...waits);
    return longest > 0 ? longest : undefined;
  }

  /** One more failure under each key. */
  async recordFailure(keys: Record<Keys, string>): Promise<void> {
    await Promise.all(this.each(keys, ({ counter }, key) => counter.penalty(key, 1)));
  }

  /** A success clears the count of one key (the account, not the address it came from). */
  async clear(which: Keys, key: string): Promise<void> {
    await this.limiters[which].counter.delete(key);
  }

  private each<T>(
    keys: Record<Keys, string>,
    action: (limiter: { limit: FailureLimit; counter: Counter }, key: string) => T,
  ): T[] {
    return (Object.keys(this.limiters) as Keys[]).map((which) =>
      action(this.limiters[which], keys[which]),
    );
  }
}

/** Whole seconds, rounded up, and at least 1: `Retry-After: 0` would invite an immediate retry. */
function secondsUntilReset(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}
