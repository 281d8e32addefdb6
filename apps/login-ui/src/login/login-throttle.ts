import { Inject, Injectable } from '@nestjs/common';
import { LOGIN_UI_CONFIG, type LoginUiConfig } from '../config/login-ui.config';
import { TooManyLoginAttemptsError } from '../errors/page-errors';

interface Window {
  failures: number;
  resetAt: number;
}

/** Counters are kept in memory; beyond this many, the oldest are dropped (bounded memory). */
const MAX_TRACKED = 10_000;

/**
 * SECURITY-CASES case 11: password guessing. Failed sign-ins are counted per account and per IP
 * address in a fixed window; past either threshold the login form answers 429 with Retry-After,
 * whether or not the password is right, until the window ends. Unknown usernames are counted like
 * known ones, so the 429 does not reveal which accounts exist (case 12).
 */
@Injectable()
export class LoginThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(@Inject(LOGIN_UI_CONFIG) private readonly config: LoginUiConfig) {}

  /** Throws TooManyLoginAttemptsError when this account or this address is over its limit. */
  check(username: string, ip: string, now = Date.now()): void {
    const { maxFailuresPerUsername, maxFailuresPerIp } = this.config.loginThrottle;
    const blocked = [
      this.blockedUntil(userKey(username), maxFailuresPerUsername, now),
      this.blockedUntil(ipKey(ip), maxFailuresPerIp, now),
    ].filter((until) => until !== undefined);
    if (blocked.length > 0) {
      throw new TooManyLoginAttemptsError(Math.ceil((Math.max(...blocked) - now) / 1000));
    }
  }

  recordFailure(username: string, ip: string, now = Date.now()): void {
    this.increment(userKey(username), now);
    this.increment(ipKey(ip), now);
  }

  /** A successful sign-in clears the account's counter (not the address's). */
  recordSuccess(username: string): void {
    this.windows.delete(userKey(username));
  }

  private blockedUntil(key: string, limit: number, now: number): number | undefined {
    const window = this.windows.get(key);
    return window && window.resetAt > now && window.failures >= limit ? window.resetAt : undefined;
  }

  private increment(key: string, now: number): void {
    const current = this.windows.get(key);
    if (current && current.resetAt > now) {
      current.failures += 1;
      return;
    }
    this.windows.delete(key);
    if (this.windows.size >= MAX_TRACKED) {
      this.evict(now);
    }
    this.windows.set(key, {
      failures: 1,
      resetAt: now + this.config.loginThrottle.windowSeconds * 1000,
    });
  }

  private evict(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) {
        this.windows.delete(key);
      }
    }
    const oldest = this.windows.keys().next();
    if (this.windows.size >= MAX_TRACKED && !oldest.done) {
      this.windows.delete(oldest.value);
    }
  }
}

function userKey(username: string): string {
  return `user:${username.toLowerCase().slice(0, 200)}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}
