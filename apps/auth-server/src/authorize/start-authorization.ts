import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClientsService } from '../clients/clients.service';
import { nowInSeconds, randomToken, sha256Digest } from '../common/random';
import { RequestParameters } from '../common/request-parameters';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { joinFlowOfState } from '../flow/flow-of-state';
import { InteractionStore } from '../interaction/interaction-store';
import { AuthorizeHops } from './authorize.hops';
import { validateAuthorizationRequest } from './authorize.steps';
import { readState } from './checks/check-state';

export interface StartedAuthorization {
  requestId: string;
  /** The random value for the browser-binding cookie. */
  binding: string;
  /** Where to send the browser: login-ui's login page with a fresh login challenge. */
  loginUrl: string;
}

/**
 * Step 1 arrives here: the client has sent the browser to GET /authorize (RFC 6749 §4.1.1). Once the
 * request passes every check (authorize.steps.ts), it is recorded with a login challenge and the
 * browser is handed to login-ui, which is where step 2 happens.
 * The request names its flow first, from its `state` (flow/flow-of-state.ts), so that even a
 * refused one is logged under the flow id client-web derived from the same `state`.
 */
@Injectable()
export class StartAuthorization {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly clients: ClientsService,
    private readonly store: InteractionStore,
    private readonly hops: AuthorizeHops,
  ) {}

  async start(query: Record<string, unknown>): Promise<StartedAuthorization> {
    const params = new RequestParameters(query);
    joinFlowOfState(readState(params));
    const valid = await validateAuthorizationRequest(params, (id) => this.clients.findById(id));
    const requestId = randomUUID();
    const loginChallenge = randomToken();
    const binding = randomToken();
    const now = nowInSeconds();
    await this.store.create({
      id: requestId,
      phase: 'login',
      clientId: valid.client.clientId,
      redirectUri: valid.redirectUri,
      requestedScope: valid.scope,
      state: valid.state ?? null,
      nonce: valid.nonce ?? null,
      prompt: valid.prompt,
      maxAge: valid.maxAge ?? null,
      codeChallenge: valid.codeChallenge,
      browserBindingDigest: sha256Digest(binding),
      loginChallengeDigest: sha256Digest(loginChallenge),
      loginVerifierDigest: null,
      consentChallengeDigest: null,
      consentVerifierDigest: null,
      subject: null,
      claims: null,
      authTime: null,
      grantedScope: null,
      rejectionError: null,
      rejectionDescription: null,
      createdAt: now,
      expiresAt: now + this.config.interactionTtlSeconds,
    });
    const loginUrl = new URL('/login', this.config.loginUiUrl);
    loginUrl.searchParams.set('login_challenge', loginChallenge);
    this.hops.loginPageSent(query, loginUrl.toString());
    return { requestId, binding, loginUrl: loginUrl.toString() };
  }
}
