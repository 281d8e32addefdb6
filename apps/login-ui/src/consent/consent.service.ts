import { Injectable } from '@nestjs/common';
import type { ConsentRequest } from '@oauth-flow-lab/contracts';
import { AdminApiClient } from '../auth-server/admin-api.client';
import { BadRequestPageError } from '../errors/page-errors';
import { joinFlowOf } from '../flow/challenge-flow';
import { readChallenge, readCheckbox, readFormFields } from '../forms/form-fields';
import type { Outcome } from '../pages/outcome';
import { UsersService } from '../users/users.service';
import { ConsentHops } from './consent.hops';
import { renderConsentPage } from './consent.page';

/**
 * Step 2 of the flow, second half: the user consents (RFC 6749 §4.1.1: the authorization server
 * "establishes whether the resource owner grants or denies the client's access request"; here it
 * asks login-ui to find out). auth-server sent the browser here with a `consent_challenge`.
 * "Remember this decision" asks auth-server to remember the grant; when it later describes a
 * consent request with `skip: true` (same client, no new scope, no `prompt=consent`), login-ui
 * accepts it without showing the page, as Hydra's consent apps do.
 *
 * Each request joins the flow auth-server names in the consent request (joinFlowOf) and writes one
 * step 2 line (ConsentHops).
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly adminApi: AdminApiClient,
    private readonly users: UsersService,
    private readonly hops: ConsentHops,
  ) {}

  /** GET /consent: fetch what the client asks for, and show it in words (or skip, see above). */
  async show(challengeParameter: unknown, csrfToken: string): Promise<Outcome> {
    const challenge = readChallenge(challengeParameter, 'consent_challenge');
    const consentRequest = await this.adminApi.getConsentRequest(challenge);
    joinFlowOf(consentRequest);
    if (consentRequest.skip) {
      // The user remembered this decision: consent again to what auth-server asks, still through
      // the admin API (auth-server never skips consent alone), and keep remembering it.
      const grantScope = consentRequest.requested_scope;
      const { redirect_to } = await this.adminApi.acceptConsentRequest(challenge, {
        grant_scope: grantScope,
        remember: true,
      });
      this.hops.skipped(consentRequest, grantScope, redirect_to);
      return { redirectTo: redirect_to };
    }
    const user = await this.users.findById(consentRequest.subject);
    const page = renderConsentPage({ consentRequest, csrfToken, userName: user?.name });
    this.hops.pageShown(consentRequest);
    return { status: 200, page };
  }

  /** POST /consent (its CSRF token was already checked by CsrfGuard). The checks, in order: */
  async submit(body: unknown): Promise<Outcome> {
    // 1. The form: the challenge and the decision, each exactly once; the decision allow or deny.
    const form = readFormFields(body, ['consent_challenge', 'decision']);
    const challenge = readChallenge(form.consent_challenge, 'consent_challenge');
    const remember = readCheckbox(body, 'remember');
    if (form.decision !== 'allow' && form.decision !== 'deny') {
      throw new BadRequestPageError('The decision must be allow or deny.');
    }
    // 2. The consent request must still be pending (unknown -> 404, expired or used -> 410). Its
    //    flow id comes from this answer, never from the form or the browser.
    const consentRequest = await this.adminApi.getConsentRequest(challenge);
    joinFlowOf(consentRequest);
    // 3. Tell auth-server the decision; it answers where the browser goes next.
    const redirectTo =
      form.decision === 'allow'
        ? await this.allow(consentRequest, remember)
        : await this.deny(consentRequest);
    // 4. Back to auth-server, which sends the code (or the error) to the client: 303, never 307.
    return { redirectTo };
  }

  /**
   * Allow: the granted scopes are the ones auth-server asked about, never a list from the form, so
   * a tampered form cannot widen the grant.
   */
  private async allow(consentRequest: ConsentRequest, remember: boolean): Promise<string> {
    const grantScope = consentRequest.requested_scope;
    const { redirect_to } = await this.adminApi.acceptConsentRequest(consentRequest.challenge, {
      grant_scope: grantScope,
      remember,
    });
    this.hops.granted(consentRequest, grantScope, remember, redirect_to);
    return redirect_to;
  }

  /** Deny: the client gets `error=access_denied` at its redirect_uri (RFC 6749 §4.1.2.1). */
  private async deny(consentRequest: ConsentRequest): Promise<string> {
    const { redirect_to } = await this.adminApi.rejectConsentRequest(consentRequest.challenge, {
      error: 'access_denied',
      error_description: 'The user denied the request',
    });
    this.hops.denied(consentRequest, redirect_to);
    return redirect_to;
  }
}
