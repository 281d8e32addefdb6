import { Injectable } from '@nestjs/common';
import type { ConsentRequest } from '@oauth-flow-lab/contracts';
import { FlowLog } from '@oauth-flow-lab/flow-log';
import { challengeOf, decisionSent, scopeList, step2Line } from '../flow/step-2-line';

/**
 * login-ui's log lines of step 2, second half: the user grants or denies what the client asks
 * for (RFC 6749 §4.1.1; see src/flow/step-2-line.ts for the shape).
 */
@Injectable()
export class ConsentHops {
  constructor(private readonly flowLog: FlowLog) {}

  /** GET /consent: the consent page, listing the requested scopes. */
  pageShown(consentRequest: ConsentRequest): void {
    this.flowLog.hop(
      step2Line(
        `GET /consent ${challengeOf('consent_challenge', consentRequest)}`,
        `200 consent page (scopes ${scopeList(consentRequest.requested_scope)})`,
        true,
      ),
    );
  }

  /** GET /consent with `skip`: the user remembered this decision, accepted again without a page. */
  skipped(consentRequest: ConsentRequest, grantScope: readonly string[], redirectTo: string): void {
    this.flowLog.hop(
      step2Line(
        `GET /consent ${challengeOf('consent_challenge', consentRequest)}`,
        `skipped, remembered: ${decisionSent(
          'consent',
          consentRequest.challenge,
          'accept',
          `grant_scope=${scopeList(grantScope)} remember=yes`,
          redirectTo,
        )}`,
        true,
      ),
    );
  }

  /** POST /consent Allow: the scopes granted, and whether auth-server is to remember them. */
  granted(
    consentRequest: ConsentRequest,
    grantScope: readonly string[],
    remember: boolean,
    redirectTo: string,
  ): void {
    this.flowLog.hop(
      step2Line(
        `POST /consent allow ${challengeOf('consent_challenge', consentRequest)}`,
        `granted: ${decisionSent(
          'consent',
          consentRequest.challenge,
          'accept',
          `grant_scope=${scopeList(grantScope)} remember=${remember ? 'yes' : 'no'}`,
          redirectTo,
        )}`,
        true,
      ),
    );
  }

  /**
   * POST /consent Deny: the client gets `error=access_denied` at its redirect_uri (RFC 6749
   * §4.1.2.1). The user's choice, but a refused authorization: at warn, like the client's line.
   */
  denied(consentRequest: ConsentRequest, redirectTo: string): void {
    this.flowLog.hop(
      step2Line(
        `POST /consent deny ${challengeOf('consent_challenge', consentRequest)}`,
        `access_denied: ${decisionSent(
          'consent',
          consentRequest.challenge,
          'reject',
          'error=access_denied',
          redirectTo,
        )}`,
        false,
      ),
    );
  }
}
