import { Injectable } from '@nestjs/common';
import type { LoginRequest } from '@oauth-flow-lab/contracts';
import { FlowLog } from '@oauth-flow-lab/flow-log';
import type { TooManyLoginAttemptsError } from '../errors/page-errors';
import { challengeOf, decisionSent, step2Line } from '../flow/step-2-line';
import type { User } from '../users/user.entity';

/**
 * login-ui's log lines of step 2, first half: the user authenticates (see src/flow/step-2-line.ts
 * for the shape). A refusal logs at warn with the status the browser gets.
 *
 * A failed attempt names no username: what was typed is not known to be a username (people type
 * their password in the wrong field), and an unknown one would say which accounts do not exist.
 * An accepted one names the user found, never what was typed, and never the password.
 */
@Injectable()
export class LoginHops {
  constructor(private readonly flowLog: FlowLog) {}

  /**
   * GET /login: the sign-in form (no login-ui session, one signed in longer ago than the client's
   * `max_age`, or the client sent `prompt=login`).
   */
  formShown(loginRequest: LoginRequest): void {
    const prompt = loginRequest.prompt.length > 0 ? ` prompt=${loginRequest.prompt.join(' ')}` : '';
    const maxAge = loginRequest.max_age === undefined ? '' : ` max_age=${loginRequest.max_age}`;
    this.flowLog.hop(
      step2Line(
        `GET /login ${challengeOf('login_challenge', loginRequest)}${prompt}${maxAge}`,
        '200 sign-in page',
        true,
      ),
    );
  }

  /**
   * The login accepted at auth-server for `user`: on POST /login with the right password, or on
   * GET /login at once because the browser has a login-ui session ("Keep me signed in").
   */
  accepted(
    via: 'password' | 'session',
    loginRequest: LoginRequest,
    user: User,
    redirectTo: string,
  ): void {
    const request = `${via === 'password' ? 'POST' : 'GET'} /login ${challengeOf('login_challenge', loginRequest)}`;
    const decision = decisionSent(
      'login',
      loginRequest.challenge,
      'accept',
      `subject=${user.id}`,
      redirectTo,
    );
    const how = via === 'session' ? ' (login-ui session)' : '';
    this.flowLog.hop(step2Line(request, `accepted for ${user.username}${how}: ${decision}`, true));
  }

  /**
   * POST /login with a wrong username or password (docs/security-cases.md, case 12: one answer for
   * both).
   */
  wrongCredentials(loginRequest: LoginRequest, status: number): void {
    this.flowLog.hop(
      step2Line(
        `POST /login ${challengeOf('login_challenge', loginRequest)}`,
        `${status} wrong username or password`,
        false,
      ),
    );
  }

  /** POST /login past the failure threshold of the account or the address (case 11). */
  throttled(loginRequest: LoginRequest, refusal: TooManyLoginAttemptsError): void {
    const retryAfter = refusal.headers['Retry-After'];
    this.flowLog.hop(
      step2Line(
        `POST /login ${challengeOf('login_challenge', loginRequest)}`,
        `${refusal.status} too many failed sign-ins (Retry-After ${retryAfter} s)`,
        false,
      ),
    );
  }
}
