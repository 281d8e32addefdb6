import type { RedisConnection } from '@oauth-flow-lab/redis';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { type Counter, counterOf, secondsUntilReset } from './counter';
import type { Reservation } from './failure-limiter';

/** At most `maxRequests` requests per key (the client's address) within `windowSeconds`. */
export interface RequestLimit {
  /** What the key counts, e.g. `authorize:ip`: the limiter's key prefix. */
  name: string;
  maxRequests: number;
  windowSeconds: number;
}

/**
 * A limit on requests that anyone may send and that make a service store something (OWASP
 * API4:2023, "unrestricted resource consumption"; docs/security-cases.md, case 44): every request
 * counts, whatever its answer, in a fixed window per address, in memory or in Redis (counter.ts).
 */
export class RequestLimiter {
  private readonly counter: Counter;

  constructor(limit: RequestLimit, redis: RedisConnection | null = null) {
    this.counter = counterOf(
      { name: limit.name, points: limit.maxRequests, windowSeconds: limit.windowSeconds },
      redis,
    );
  }

  /** Counts one request from `key`; past the limit, the seconds until the window ends. */
  async take(key: string): Promise<Reservation> {
    try {
      await this.counter.consume(key, 1);
      return { reserved: true };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) {
        return { reserved: false, retryAfterSeconds: secondsUntilReset(refusal) };
      }
      throw refusal;
    }
  }
}
