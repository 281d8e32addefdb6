import type { RedisConnection } from '@oauth-flow-lab/redis';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { type Counter, counterOf, secondsUntilReset } from './counter';

/** At most `maxFailures` failures per key within a fixed window of `windowSeconds`. */
export interface FailureLimit {
  /** What the key counts, e.g. `ip` or `client+ip`: the limiter's key prefix. */
  name: string;
  maxFailures: number;
  windowSeconds: number;
}

/** The answer to reserve: the attempt may go on, or must wait this many seconds (Retry-After). */
export type Reservation = { reserved: true } | { reserved: false; retryAfterSeconds: number };

/**
 * Guessing protection (RFC 6749 §10.10, "Credentials-Guessing Attacks"): failures are counted under
 * several keys at once (e.g. the account and the client's address), and while any key is at its
 * limit every attempt is refused before the secret is even looked at, whether it would have been
 * right or not, so a guesser learns nothing from the answer.
 *
 * Reserve, then check (docs/security-cases.md, case 46). An attempt is counted as a failure before
 * the slow check runs (a password hash takes tens of milliseconds), and given back when the check
 * succeeds. Counting only after a failed check would let a burst through whole: forty wrong
 * passwords sent at once would all be read against a counter that none of them had written yet.
 * With the reservation, at most `maxFailures` attempts per key are ever being checked or counted,
 * however many arrive together; the rest are refused at once.
 *
 * The counters are rate-limiter-flexible's fixed windows, in memory or in Redis (counter.ts).
 */
export class FailureLimiter<Keys extends string> {
  private readonly limiters: Record<Keys, { limit: FailureLimit; counter: Counter }>;

  constructor(limits: Record<Keys, FailureLimit>, redis: RedisConnection | null = null) {
    const entries = (Object.keys(limits) as Keys[]).map((key) => {
      const limit = limits[key];
      const counter = counterOf(
        { name: limit.name, points: limit.maxFailures, windowSeconds: limit.windowSeconds },
        redis,
      );
      return [key, { limit, counter }] as const;
    });
    this.limiters = Object.fromEntries(entries) as typeof this.limiters;
  }

  /**
   * Counts one attempt under each key given (a key left out is not counted), as if it had failed
   * already. When any key is past its limit, nothing stays counted and the answer is the longest
   * wait: each counter's increment is atomic (in Redis too), so of N parallel attempts at most the
   * limit's number are reserved.
   */
  async reserve(keys: Partial<Record<Keys, string>>): Promise<Reservation> {
    const outcomes = await Promise.all(
      this.each(keys, async (counter, key) => {
        try {
          await counter.consume(key, 1);
          return { counter, key, waitSeconds: 0 };
        } catch (refusal) {
          if (refusal instanceof RateLimiterRes) {
            return { counter, key, waitSeconds: secondsUntilReset(refusal) };
          }
          throw refusal;
        }
      }),
    );
    const longest = Math.max(0, ...outcomes.map(({ waitSeconds }) => waitSeconds));
    if (longest === 0) {
      return { reserved: true };
    }
    // Refused: the increments of this attempt are given back, the refused ones too (a refusal is
    // not a failure: it was never checked), so the counters keep counting failures only.
    await Promise.all(outcomes.map(({ counter, key }) => giveBack(counter, key)));
    return { reserved: false, retryAfterSeconds: longest };
  }

  /**
   * The check succeeded: the reserved attempt is given back under each key, and the count of the
   * keys named in `clearing` (e.g. the account, not the address) is forgotten.
   */
  async succeeded(keys: Partial<Record<Keys, string>>, clearing: Keys[] = []): Promise<void> {
    await Promise.all(
      this.each(keys, (counter, key, which) =>
        clearing.includes(which) ? counter.delete(key) : giveBack(counter, key),
      ),
    );
  }

  private each<T>(
    keys: Partial<Record<Keys, string>>,
    action: (counter: Counter, key: string, which: Keys) => T,
  ): T[] {
    return (Object.keys(this.limiters) as Keys[]).flatMap((which) => {
      const key = keys[which];
      return key === undefined ? [] : [action(this.limiters[which].counter, key, which)];
    });
  }
}

/**
 * One attempt given back. A window that ended in between would leave a count of -1 (one free
 * attempt in the next window): such a key is deleted instead.
 */
async function giveBack(counter: Counter, key: string): Promise<void> {
  const state = await counter.reward(key, 1);
  if (state.consumedPoints < 0) {
    await counter.delete(key);
  }
}
