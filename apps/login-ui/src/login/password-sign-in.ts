import { Injectable } from '@nestjs/common';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { LoginThrottle } from './login-throttle';

/** The one message for every failed sign-in: it never says whether the username exists (case 12). */
export const INVALID_CREDENTIALS = 'Invalid username or password';

/**
 * Checking a username and password, the same way on every form that does it (the login form of
 * step 2 and the sign-in form of /apps): throttled per account and per address (case 11), and an
 * unknown user costs and looks the same as a wrong password (case 12).
 */
@Injectable()
export class PasswordSignIn {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** The user, or null for a wrong username or password; throws 429 past the threshold. */
  async verify(username: string, password: string, ip: string): Promise<User | null> {
    await this.throttle.check(username, ip);
    const user = await this.users.verifyCredentials(username, password);
    if (!user) {
      await this.throttle.recordFailure(username, ip);
      return null;
    }
    await this.throttle.recordSuccess(username);
    return user;
  }
}
