import type { RedisConnection } from '@oauth-flow-lab/redis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';

/** What the limiters of this library use of a rate-limiter-flexible limiter, in memory or in Redis. */
export type Counter = Pick<RateLimiterMemory, 'consume' | 'reward' | 'delete'>;

/**
 * A fixed-window counter of at most `points` per key in `windowSeconds`, its keys prefixed with
 * `name`:
 * - without Redis (one instance), in this process's memory: a restart forgets them;
 * - with a Redis connection (REDIS_URL), in Redis, so every replica counts the same: spreading
 *   attempts over replicas behind a load balancer gets no more. While Redis cannot be reached, each
 *   replica counts in its own memory (the library's insurance limiter) rather than letting
 *   everything through or refusing everyone.
 */
export function counterOf(
  { name, points, windowSeconds }: { name: string; points: number; windowSeconds: number },
  redis: RedisConnection | null,
): Counter {
  const window = { keyPrefix: name, points, duration: windowSeconds };
  const inMemory = new RateLimiterMemory(window);
  return redis === null
    ? inMemory
    : new RateLimiterRedis({
        ...window,
        storeClient: redis,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        insuranceLimiter: inMemory,
      });
}

/** Whole seconds, rounded up, and at least 1: `Retry-After: 0` would invite an immediate retry. */
export function secondsUntilReset(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}
