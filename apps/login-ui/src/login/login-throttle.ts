import { Inject, Injectable } from '@nestjs/common';
import { FailureLimiter } from '@oauth-flow-lab/rate-limits';
import { REDIS, type RedisConnection } from '@oauth-flow-lab/redis';
import { LOGIN_UI_CONFIG, type LoginUiConfig } from '../config/login-ui.config';
import { TooManyLoginAttemptsError } from '../errors/page-errors';

/**
 * Who is trying to sign in: the username typed, the client's address, and, when the browser holds
 * a login-ui session of that same user ("Keep me signed in" earlier), that session's key.
 */
export interface SignInAttempt {
  username: string;
  ip: string;
  /** The digest of the browser's login-ui session, when it is a session of `username`'s user. */
  ownSession?: string;
}

/**
 * Password guessing (RFC 6749 §10.10; OWASP ASVS 2.2.1): failed sign-ins are counted in fixed windows
 * (libs/rate-limits, on rate-limiter-flexible), under two keys:
 *
 * 1. the address (docs/security-cases.md, case 11): one address trying many accounts;
 * 2. the account *from that address* (cases 11 and 47): one address trying one account.
 *
 * Not the account alone: anyone could then lock any user out by failing five times on purpose, from
 * anywhere (case 47, "no targeted lockout"). A guesser who spreads over many addresses is slowed by
 * the per-address limit of each, and by the password hash itself; lockout of the account would stop
 * them sooner only by also stopping the user.
 *
 * A browser signed in as this user before (its login-ui session) is counted apart: under the
 * account and that session only, never under the address, so nobody else's failures, not even from
 * the same network, lock out the user's own browser (case 47); its own failures still count.
 *
 * Each attempt is reserved before the password is checked and given back when it is right (case
 * 46), so a burst of parallel guesses gets at most the limit checked. Past a limit the answer is
 * 429 with Retry-After, whether or not the password is right. Unknown usernames are counted like
 * known ones, so the 429 does not reveal which accounts exist (case 12).
 */
@Injectable()
export class LoginThrottle {
  private readonly failures: FailureLimiter<'address' | 'account'>;

  constructor(
    @Inject(LOGIN_UI_CONFIG) config: LoginUiConfig,
    @Inject(REDIS) redis: RedisConnection | null,
  ) {
    const { maxFailuresPerAccount, maxFailuresPerIp, windowSeconds } = config.loginThrottle;
    this.failures = new FailureLimiter(
      {
        address: { name: 'login:ip', maxFailures: maxFailuresPerIp, windowSeconds },
        account: { name: 'login:account', maxFailures: maxFailuresPerAccount, windowSeconds },
      },
      redis,
    );
  }

  /**
   * Counts the attempt as failed before the password is checked; throws TooManyLoginAttemptsError
   * when a limit is reached already. A wrong password needs nothing more: it stays counted.
   */
  async reserve(attempt: SignInAttempt): Promise<void> {
    const reservation = await this.failures.reserve(keys(attempt));
    if (!reservation.reserved) {
      throw new TooManyLoginAttemptsError(reservation.retryAfterSeconds);
    }
  }

  /** The password was right: the attempt is given back and the account's count forgotten. */
  succeeded(attempt: SignInAttempt): Promise<void> {
    return this.failures.succeeded(keys(attempt), ['account']);
  }
}

function keys({ username, ip, ownSession }: SignInAttempt): { address?: string; account: string } {
  const account = accountKey(username);
  return ownSession === undefined
    ? { address: ip, account: `${account} ip:${ip}` }
    : { account: `${account} session:${ownSession}` };
}

/** Usernames are matched without regard to case; a hostile 64 KiB username is one short key. */
function accountKey(username: string): string {
  return username.toLowerCase().slice(0, 200);
}
