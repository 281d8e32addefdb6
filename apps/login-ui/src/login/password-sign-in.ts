import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { LoginSessions } from '../sessions/login-sessions.service';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { LoginThrottle, type SignInAttempt } from './login-throttle';

/** The one message for every failed sign-in: it never says whether the username exists (case 12). */
export const INVALID_CREDENTIALS = 'Invalid username or password';

/**
 * Checking a username and password, the same way on every form that does it (the login form of
 * step 2 and the sign-in form of /apps). The checks, in order:
 * 1. the attempt is reserved under the guessing limits (cases 11, 46 and 47), or refused with 429;
 * 2. the password is checked; an unknown user costs and looks the same as a wrong one (case 12);
 * 3. a right password gives the reserved attempt back; a wrong one leaves it counted.
 */
@Injectable()
export class PasswordSignIn {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: LoginSessions,
    private readonly throttle: LoginThrottle,
  ) {}

  /** The user, or null for a wrong username or password; throws 429 past the threshold. */
  async verify(username: string, password: string, req: Request): Promise<User | null> {
    const attempt = await this.attemptOf(username, req);
    await this.throttle.reserve(attempt);
    const user = await this.users.verifyCredentials(username, password);
    if (user) {
      await this.throttle.succeeded(attempt);
    }
    return user;
  }

  /** The address, and the browser's own session when it is one of the user being signed in. */
  private async attemptOf(username: string, req: Request): Promise<SignInAttempt> {
    const ip = req.ip ?? '';
    const signedIn = await this.sessions.current(req);
    return signedIn?.user.username.toLowerCase() === username.toLowerCase()
      ? { username, ip, ownSession: signedIn.sessionKey }
      : { username, ip };
  }
}
