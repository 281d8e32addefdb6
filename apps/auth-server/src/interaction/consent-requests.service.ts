import { Inject, Injectable } from '@nestjs/common';
import type {
  AcceptConsentRequestSchema,
  ConsentRequest,
  RedirectTo,
  RejectRequestSchema,
} from '@oauth-flow-lab/contracts';
import type { z } from 'zod';
import { adminErrors } from '../admin/admin-errors';
import { ClientsService } from '../clients/clients.service';
import { randomToken, sha256Digest } from '../common/random';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { RememberedConsents } from '../consents/remembered-consents.service';
import { flowIdField, joinFlowOfState } from '../flow/flow-of-state';
import { scopeText } from '../flow/hop-text';
import type { AuthorizationRequestEntity } from './authorization-request.entity';
import { ChallengeHops } from './challenge.hops';
import { assertPending } from './find-pending';
import { InteractionStore } from './interaction-store';

type AcceptConsent = z.output<typeof AcceptConsentRequestSchema>;
type RejectConsent = z.output<typeof RejectRequestSchema>;

/**
 * Step 2, second half, as seen from the admin API: login-ui asks which scopes the client wants for
 * this user, shows the consent page, and reports the user's decision. The granted scopes may only
 * narrow what was requested. The browser then goes to /authorize/after-consent with a verifier.
 * With `remember: true` the decision is remembered (consents/remembered-consents.service.ts), and a
 * later request of the same client within those scopes is described with `skip: true`, unless it
 * carries `prompt=consent` (OIDC Core §3.1.2.1).
 * Each call joins the flow of the request's `state` (flow/flow-of-state.ts), and the description
 * hands its flow id to login-ui (`flow_id`).
 */
@Injectable()
export class ConsentRequestsService {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly store: InteractionStore,
    private readonly clients: ClientsService,
    private readonly remembered: RememberedConsents,
    private readonly hops: ChallengeHops,
  ) {}

  async get(challenge: string): Promise<ConsentRequest> {
    const request = await this.pending(challenge);
    const client = await this.clients.findById(request.clientId);
    const prompt = request.prompt ?? [];
    const skip =
      !prompt.includes('consent') &&
      request.subject !== null &&
      (await this.remembered.covers(request.subject, request.clientId, request.requestedScope));
    return {
      challenge,
      client: { client_id: request.clientId, client_name: client?.clientName ?? request.clientId },
      subject: request.subject ?? '',
      requested_scope: request.requestedScope,
      expires_at: new Date(request.expiresAt * 1000).toISOString(),
      skip,
      prompt,
      ...flowIdField(request.state),
    };
  }

  async accept(challenge: string, body: AcceptConsent): Promise<RedirectTo> {
    const request = await this.pending(challenge);
    if (body.grant_scope.length === 0) {
      throw adminErrors.invalidRequest(
        'grant_scope must name at least one requested scope; to refuse, reject',
      );
    }
    const notRequested = body.grant_scope.filter((s) => !request.requestedScope.includes(s));
    if (notRequested.length > 0) {
      throw adminErrors.invalidRequest(
        `grant_scope includes scopes that were not requested: ${notRequested.join(' ')}`,
      );
    }
    const grantedScope = [...new Set(body.grant_scope)];
    const redirect = await this.decide(request, { phase: 'consent_accepted', grantedScope });
    if (body.remember && request.subject !== null) {
      await this.remembered.remember(request.subject, request.clientId, grantedScope);
    }
    this.hops.decided(
      'consent',
      challenge,
      'accept',
      `grant_scope="${scopeText(grantedScope)}" remember=${body.remember ? 'yes' : 'no'}`,
      redirect.redirect_to,
    );
    return redirect;
  }

  async reject(challenge: string, body: RejectConsent): Promise<RedirectTo> {
    const request = await this.pending(challenge);
    const redirect = await this.decide(request, {
      phase: 'consent_rejected',
      rejectionError: body.error,
      rejectionDescription: body.error_description ?? 'The user denied the request',
    });
    this.hops.decided('consent', challenge, 'reject', `error=${body.error}`, redirect.redirect_to);
    return redirect;
  }

  private async pending(challenge: string): Promise<AuthorizationRequestEntity> {
    const found = await this.store.findBy('consentChallengeDigest', challenge);
    joinFlowOfState(found?.state);
    return assertPending(found, 'consent', 'consent request');
  }

  private async decide(
    request: AuthorizationRequestEntity,
    changes: Partial<AuthorizationRequestEntity>,
  ): Promise<RedirectTo> {
    const verifier = randomToken();
    const decided = await this.store.transition(request.id, 'consent', {
      ...changes,
      consentVerifierDigest: sha256Digest(verifier),
    });
    if (!decided) {
      throw adminErrors.alreadyHandled('consent request');
    }
    return {
      redirect_to: `${this.config.issuer}/authorize/after-consent?consent_verifier=${verifier}`,
    };
  }
}
