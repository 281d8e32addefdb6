import { Inject, Injectable } from '@nestjs/common';
import { FailureLimiter } from '@oauth-flow-lab/rate-limits';
import { REDIS, type RedisConnection } from '@oauth-flow-lab/redis';
import { LOGIN_UI_CONFIG, type LoginUiConfig } from '../config/login-ui.config';
import { TooManyLoginAttemptsError } from '../errors/page-errors';

/**
 * docs/security-cases.md, case 11: password guessing. Failed sign-ins are counted per account and
 * per IP address in a fixed window (libs/rate-limits, on rate-limiter-flexible); past either
 * threshold the login form answers 429 with Retry-After, whether or not the password is right,
 * until the window ends. Unknown usernames are counted like known ones, so the 429 does not reveal
 * which accounts exist (case 12).
 */
@Injectable()
export class LoginThrottle {
  private readonly failures: FailureLimiter<'account' | 'ip'>;

  constructor(
    @Inject(LOGIN_UI_CONFIG) config: LoginUiConfig,
    @Inject(REDIS) redis: RedisConnection | null,
  ) {
    const { maxFailuresPerUsername, maxFailuresPerIp, windowSeconds } = config.loginThrottle;
    this.failures = new FailureLimiter(
      {
        account: { name: 'login:account', maxFailures: maxFailuresPerUsername, windowSeconds },
        ip: { name: 'login:ip', maxFailures: maxFailuresPerIp, windowSeconds },
      },
      redis,
    );
  }

  /** Throws TooManyLoginAttemptsError when this account or this address is over its limit. */
  async check(username: string, ip: string): Promise<void> {
    const retryAfter = await this.failures.retryAfterSeconds(keys(username, ip));
    if (retryAfter !== undefined) {
      throw new TooManyLoginAttemptsError(retryAfter);
    }
  }

  recordFailure(username: string, ip: string): Promise<void> {
    return this.failures.recordFailure(keys(username, ip));
  }

  /** A successful sign-in clears the account's counter (not the address's). */
  recordSuccess(username: string): Promise<void> {
    return this.failures.clear('account', accountKey(username));
  }
}

function keys(username: string, ip: string): { account: string; ip: string } {
  return { account: accountKey(username), ip };
}

/** Usernames are matched without regard to case; a hostile 64 KiB username is one short key. */
function accountKey(username: string): string {
  return username.toLowerCase().slice(0, 200);
}
