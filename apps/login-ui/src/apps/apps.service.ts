import { Injectable, Logger } from '@nestjs/common';
import { logSafe, redactUrl } from '@oauth-flow-lab/flow-log';
import type { Request, Response } from 'express';
import { AdminApiClient } from '../auth-server/admin-api.client';
import { BadRequestPageError } from '../errors/page-errors';
import { readCheckbox, readFormFields, readTextParameter } from '../forms/form-fields';
import { INVALID_CREDENTIALS, PasswordSignIn } from '../login/password-sign-in';
import type { Outcome } from '../pages/outcome';
import { LoginSessions } from '../sessions/login-sessions.service';
import { isAppsStatus, renderAppsPage, renderAppsSignInPage } from './apps.page';

/**
 * "Connected apps": the user, signed in at login-ui (a login-ui session, not an OAuth flow), sees
 * the clients auth-server remembers a consent for, and can revoke one. Revoking goes through the
 * admin API (DELETE /admin/subjects/:subject/consents/:client_id), which also revokes the client's
 * refresh tokens for this user; the subject is always the session's user, never a form field.
 */
@Injectable()
export class AppsService {
  private readonly logger = new Logger(AppsService.name);

  constructor(
    private readonly adminApi: AdminApiClient,
    private readonly sessions: LoginSessions,
    private readonly signIn: PasswordSignIn,
  ) {}

  /**
   * GET /apps: the list when signed in, otherwise a sign-in form. `status` only picks one of the
   * page's fixed messages (apps.page.ts); an unknown value shows none.
   */
  async show(req: Request, csrfToken: string, statusParameter: unknown): Promise<Outcome> {
    const user = await this.sessions.currentUser(req);
    if (!user) {
      return { status: 200, page: renderAppsSignInPage(csrfToken) };
    }
    const apps = await this.adminApi.listConsents(user.id);
    const status = isAppsStatus(statusParameter) ? statusParameter : undefined;
    return { status: 200, page: renderAppsPage({ user, apps, csrfToken, status }) };
  }

  /** POST /apps/sign-in (CSRF checked by CsrfGuard): starts a login-ui session, back to /apps. */
  async signInToApps(
    body: unknown,
    csrfToken: string,
    req: Request,
    res: Response,
  ): Promise<Outcome> {
    const form = readFormFields(body, ['username', 'password']);
    const keepSignedIn = readCheckbox(body, 'keep_signed_in');
    const user = await this.signIn.verify(form.username, form.password, req);
    if (!user) {
      return { status: 401, page: renderAppsSignInPage(csrfToken, INVALID_CREDENTIALS) };
    }
    await this.sessions.start(req, res, user, keepSignedIn);
    return { redirectTo: '/apps' };
  }

  /** POST /apps/:client_id/revoke (CSRF checked by CsrfGuard), then 303 back with a message. */
  async revoke(clientIdParameter: unknown, req: Request): Promise<Outcome> {
    const clientId = readTextParameter(clientIdParameter, 'client_id');
    if (clientId.length === 0 || clientId.length > 255) {
      throw new BadRequestPageError('The client_id parameter is missing or malformed.');
    }
    const user = await this.sessions.currentUser(req);
    if (!user) {
      return { redirectTo: '/apps' };
    }
    await this.adminApi.revokeConsent(user.id, clientId);
    // The outcome goes back as a fixed code, not as the client id: /apps must not say "<this> was
    // revoked" with words from its URL, which anyone can write (docs/security-cases.md, case 51).
    // Nor does it name the client from trusted data: the only such data, the user's remembered
    // consents, no longer lists it once revoked, and keeping it for one page in the login-ui
    // session would add a column to every session row for a message. A forged ?status=revoked
    // only makes the page say our own sentence.
    const next = '/apps?status=revoked';
    // A plain line, not a numbered step: revoking a connected app is none of the six steps and
    // belongs to no run of them (no authorization request, so no `state` and no flow id), so a
    // "step 2" line would join no flow's story. The client id is the one the URL said: cut and
    // escaped (flow-log's logSafe, docs/security-cases.md case 50), so no line break from the URL
    // reaches the log.
    const client = logSafe(clientId);
    this.logger.log(
      `browser → login-ui · POST /apps/${client}/revoke by ${user.username} → ` +
        `DELETE /admin/subjects/${user.id}/consents/${client} done (consent forgotten, ` +
        `its refresh tokens revoked) → 303 to ${redactUrl(next)}`,
    );
    return { redirectTo: next };
  }
}
