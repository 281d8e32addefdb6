import { Injectable } from '@nestjs/common';
import { AdminApiClient } from '../auth-server/admin-api.client';
import { readChallenge, readFormFields } from '../forms/form-fields';
import type { Outcome } from '../pages/outcome';
import { UsersService } from '../users/users.service';
import { LoginThrottle } from './login-throttle';
import { renderLoginPage } from './login.page';

/** The one message for every failed sign-in: it never says whether the username exists (case 12). */
export const INVALID_CREDENTIALS = 'Invalid username or password';

/**
 * Step 2 of the flow, first half: the user authenticates. auth-server sent the browser here with a
 * `login_challenge` (like Ory Hydra's login flow); login-ui checks the password and tells auth-server
 * who signed in, then sends the browser back where auth-server says.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly adminApi: AdminApiClient,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** GET /login: the challenge is used to fetch what the login request is about (which client). */
  async show(challengeParameter: unknown, csrfToken: string): Promise<string> {
    const challenge = readChallenge(challengeParameter, 'login_challenge');
    const loginRequest = await this.adminApi.getLoginRequest(challenge);
    return renderLoginPage({ loginRequest, csrfToken });
  }

  /** POST /login (its CSRF token was already checked by CsrfGuard). The checks, in order: */
  async submit(body: unknown, csrfToken: string, ip: string): Promise<Outcome> {
    // 1. The form: each field exactly once (a repeated field is a 400, never a crash).
    const form = readFormFields(body, ['login_challenge', 'username', 'password']);
    const challenge = readChallenge(form.login_challenge, 'login_challenge');
    // 2. The login request must still be pending (unknown -> 404, expired or used -> 410).
    const loginRequest = await this.adminApi.getLoginRequest(challenge);
    // 3. Not too many failures for this account or from this address (case 11).
    this.throttle.check(form.username, ip);
    // 4. The password. Unknown user and wrong password get the very same answer (case 12).
    const user = await this.users.verifyCredentials(form.username, form.password);
    if (!user) {
      this.throttle.recordFailure(form.username, ip);
      const page = renderLoginPage({ loginRequest, csrfToken, error: INVALID_CREDENTIALS });
      return { status: 401, page };
    }
    this.throttle.recordSuccess(form.username);
    // 5. Tell auth-server who signed in: the subject becomes `sub`, the claims describe the user.
    const { redirect_to } = await this.adminApi.acceptLoginRequest(challenge, {
      subject: user.id,
      claims: { name: user.name, preferred_username: user.username },
    });
    // 6. Back to auth-server, which continues the authorization request (next: consent).
    return { redirectTo: redirect_to };
  }
}
