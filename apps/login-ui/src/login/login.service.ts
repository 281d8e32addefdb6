import { Injectable } from '@nestjs/common';
import type { LoginRequest } from '@oauth-flow-lab/contracts';
import type { Request, Response } from 'express';
import { AdminApiClient } from '../auth-server/admin-api.client';
import { TooManyLoginAttemptsError } from '../errors/page-errors';
import { joinFlowOf } from '../flow/challenge-flow';
import { readChallenge, readCheckbox, readFormFields } from '../forms/form-fields';
import type { Outcome } from '../pages/outcome';
import { LoginSessions } from '../sessions/login-sessions.service';
import type { User } from '../users/user.entity';
import { INVALID_CREDENTIALS, PasswordSignIn } from './password-sign-in';
import { LoginHops } from './login.hops';
import { renderLoginPage } from './login.page';

/**
 * Step 2 of the flow, first half: the user authenticates. auth-server sent the browser here with a
 * `login_challenge` (like Ory Hydra's login flow); login-ui checks the password and tells auth-server
 * who signed in and when, then sends the browser back where auth-server says. A user who ticked
 * "Keep me signed in" earlier has a login-ui session, and is not asked again unless the client sent
 * `prompt=login` or a `max_age` the session's sign-in is older than (OIDC Core §3.1.2.1).
 *
 * Each request joins the flow auth-server names in the login request (joinFlowOf) and writes one
 * step 2 line (LoginHops).
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly adminApi: AdminApiClient,
    private readonly signIn: PasswordSignIn,
    private readonly sessions: LoginSessions,
    private readonly hops: LoginHops,
  ) {}

  /** GET /login: the challenge is used to fetch what the login request is about (which client). */
  async show(challengeParameter: unknown, csrfToken: string, req: Request): Promise<Outcome> {
    const challenge = readChallenge(challengeParameter, 'login_challenge');
    const loginRequest = await this.adminApi.getLoginRequest(challenge);
    joinFlowOf(loginRequest);
    // Signed in at login-ui already, recently enough for the client: accept at once, with the time
    // the password was typed (a silent sign-in is not an authentication).
    const session = await this.silentSignIn(loginRequest, req);
    if (session) {
      const redirectTo = await this.accept(loginRequest, session.user, session.authenticatedAt);
      this.hops.accepted('session', loginRequest, session.user, redirectTo);
      return { redirectTo };
    }
    this.hops.formShown(loginRequest);
    return { status: 200, page: renderLoginPage({ loginRequest, csrfToken }) };
  }

  /** POST /login (its CSRF token was already checked by CsrfGuard). The checks, in order: */
  async submit(body: unknown, csrfToken: string, req: Request, res: Response): Promise<Outcome> {
    // 1. The form: each field exactly once (a repeated field is a 400, never a crash).
    const form = readFormFields(body, ['login_challenge', 'username', 'password']);
    const challenge = readChallenge(form.login_challenge, 'login_challenge');
    const keepSignedIn = readCheckbox(body, 'keep_signed_in');
    // 2. The login request must still be pending (unknown -> 404, expired or used -> 410). Its
    //    flow id comes from this answer, never from the form or the browser.
    const loginRequest = await this.adminApi.getLoginRequest(challenge);
    joinFlowOf(loginRequest);
    // 3. The password, throttled (case 11); unknown user and wrong password look the same (case 12).
    const user = await this.verifyPassword(loginRequest, form.username, form.password, req);
    if (!user) {
      const page = renderLoginPage({ loginRequest, csrfToken, error: INVALID_CREDENTIALS });
      this.hops.wrongCredentials(loginRequest, 401);
      return { status: 401, page };
    }
    const authenticatedAt = nowInSeconds();
    // 4. "Keep me signed in": a login-ui session, so the next login request skips this form.
    //    Without it, a session of another user is ended (it would sign in the wrong person), and
    //    the user's own session now dates from this password (case 52: the next silent sign-in
    //    reports it, and max_age counts from it).
    if (keepSignedIn) {
      await this.sessions.start(req, res, user, true);
    } else if ((await this.sessions.currentUser(req))?.id === user.id) {
      await this.sessions.reauthenticated(req, authenticatedAt);
    } else {
      await this.sessions.end(req, res);
    }
    const redirectTo = await this.accept(loginRequest, user, authenticatedAt);
    this.hops.accepted('password', loginRequest, user, redirectTo);
    return { redirectTo };
  }

  /** PasswordSignIn.verify, its 429 (past the threshold) written to the log before it is sent. */
  private async verifyPassword(
    loginRequest: LoginRequest,
    username: string,
    password: string,
    req: Request,
  ): Promise<User | null> {
    try {
      return await this.signIn.verify(username, password, req);
    } catch (error) {
      if (error instanceof TooManyLoginAttemptsError) {
        this.hops.throttled(loginRequest, error);
      }
      throw error;
    }
  }

  /**
   * The browser's login-ui session, when it may stand in for the form (OIDC Core §3.1.2.1), or null:
   *   prompt=login -> never: the client asks for the password to be typed again;
   *   max_age      -> only if the password was typed at most max_age seconds ago ("If the elapsed
   *                   time is greater than this value, the OP MUST attempt to actively
   *                   re-authenticate the End-User"); max_age=0 always shows the form.
   * auth-server checks the same against the time reported (case 52), so this is where it is met.
   */
  private async silentSignIn(
    loginRequest: LoginRequest,
    req: Request,
  ): Promise<{ user: User; authenticatedAt: number } | null> {
    if (loginRequest.prompt.includes('login')) {
      return null;
    }
    const session = await this.sessions.current(req);
    if (!session) {
      return null;
    }
    const maxAge = loginRequest.max_age;
    const elapsed = nowInSeconds() - session.authenticatedAt;
    return maxAge !== undefined && elapsed > maxAge ? null : session;
  }

  /**
   * Tell auth-server who signed in (the subject becomes `sub`, the claims describe the user) and
   * when they typed the password (`authenticated_at`, the id_token's `auth_time`); the answer is
   * where the browser goes next: back to auth-server, which continues the authorization request
   * (next: consent).
   */
  private async accept(
    loginRequest: LoginRequest,
    user: User,
    authenticatedAt: number,
  ): Promise<string> {
    const { redirect_to } = await this.adminApi.acceptLoginRequest(loginRequest.challenge, {
      subject: user.id,
      claims: { name: user.name, preferred_username: user.username },
      authenticated_at: authenticatedAt,
    });
    return redirect_to;
  }
}

/** Epoch seconds, as OIDC's `auth_time` counts them. */
function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
