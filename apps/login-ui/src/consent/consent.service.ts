import { Injectable } from '@nestjs/common';
import { AdminApiClient } from '../auth-server/admin-api.client';
import { BadRequestPageError } from '../errors/page-errors';
import { readChallenge, readCheckbox, readFormFields } from '../forms/form-fields';
import type { Outcome } from '../pages/outcome';
import { UsersService } from '../users/users.service';
import { renderConsentPage } from './consent.page';

/**
 * Step 2 of the flow, second half: the user consents (RFC 6749 §4.1.1: the authorization server
 * "establishes whether the resource owner grants or denies the client's access request"; here it
 * asks login-ui to find out). auth-server sent the browser here with a `consent_challenge`.
 * "Remember this decision" asks auth-server to remember the grant; when it later describes a
 * consent request with `skip: true` (same client, no new scope, no `prompt=consent`), login-ui
 * accepts it without showing the page, as Hydra's consent apps do.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly adminApi: AdminApiClient,
    private readonly users: UsersService,
  ) {}

  /** GET /consent: fetch what the client asks for, and show it in words (or skip, see above). */
  async show(challengeParameter: unknown, csrfToken: string): Promise<Outcome> {
    const challenge = readChallenge(challengeParameter, 'consent_challenge');
    const consentRequest = await this.adminApi.getConsentRequest(challenge);
    if (consentRequest.skip) {
      // The user remembered this decision: consent again to what auth-server asks, still through
      // the admin API (auth-server never skips consent alone), and keep remembering it.
      const { redirect_to } = await this.adminApi.acceptConsentRequest(challenge, {
        grant_scope: consentRequest.requested_scope,
        remember: true,
      });
      return { redirectTo: redirect_to };
    }
    const user = await this.users.findById(consentRequest.subject);
    const page = renderConsentPage({ consentRequest, csrfToken, userName: user?.name });
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
    // 2. The consent request must still be pending (unknown -> 404, expired or used -> 410).
    const consentRequest = await this.adminApi.getConsentRequest(challenge);
    // 3. Tell auth-server the decision. The granted scopes are the ones auth-server asked about,
    //    never a list from the form: a tampered form cannot widen the grant.
    const { redirect_to } =
      form.decision === 'allow'
        ? await this.adminApi.acceptConsentRequest(challenge, {
            grant_scope: consentRequest.requested_scope,
            remember,
          })
        : // A refusal becomes `error=access_denied` at the client's redirect_uri (RFC 6749 §4.1.2.1).
          await this.adminApi.rejectConsentRequest(challenge, {
            error: 'access_denied',
            error_description: 'The user denied the request',
          });
    // 4. Back to auth-server, which sends the code (or the error) to the client: 303, never 307.
    return { redirectTo: redirect_to };
  }
}
