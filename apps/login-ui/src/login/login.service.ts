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
 * who signed in, then sends the browser back where auth-server says. A user who ticked "Keep me
 * signed in" earlier has a login-ui session, and is not asked again unless the client sent
 * `prompt=login` (OIDC Core §3.1.2.1).
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
    // Signed in at login-ui already, and the client did not ask to see the form: accept at once.
    const user = loginRequest.prompt.includes('login')
      ? null
      : await this.sessions.currentUser(req);
    if (user) {
      const redirectTo = await this.accept(loginRequest, user);
      this.hops.accepted('session', loginRequest, user, redirectTo);
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
    // 4. "Keep me signed in": a login-ui session, so the next login request skips this form.
    //    Without it, a session of another user is ended (it would sign in the wrong person).
    if (keepSignedIn) {
      await this.sessions.start(req, res, user, true);
    } else if ((await this.sessions.currentUser(req))?.id !== user.id) {
      await this.sessions.end(req, res);
    }
    const redirectTo = await this.accept(loginRequest, user);
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
      return await this.signIn.verify(username, password, req.ip ?? '');
    } catch (error) {
      if (error instanceof TooManyLoginAttemptsError) {
        this.hops.throttled(loginRequest, error);
      }
      throw error;
    }
  }

  /**
   * Tell auth-server who signed in (the subject becomes `sub`, the claims describe the user); the
   * answer is where the browser goes next: back to auth-server, which continues the authorization
   * request (next: consent).
   */
  private async accept(loginRequest: LoginRequest, user: User): Promise<string> {
    const { redirect_to } = await this.adminApi.acceptLoginRequest(loginRequest.challenge, {
      subject: user.id,
      claims: { name: user.name, preferred_username: user.username },
    });
    return redirect_to;
  }
}
