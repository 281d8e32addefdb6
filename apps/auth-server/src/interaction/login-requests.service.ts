import { Inject, Injectable } from '@nestjs/common';
import type {
  AcceptLoginRequestSchema,
  LoginRequest,
  RedirectTo,
  RejectRequestSchema,
} from '@oauth-flow-lab/contracts';
import { logSafe } from '@oauth-flow-lab/flow-log';
import type { z } from 'zod';
import { adminErrors } from '../admin/admin-errors';
import { ClientsService } from '../clients/clients.service';
import { nowInSeconds, randomToken, sha256Digest } from '../common/random';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { flowIdField, joinFlowOfState } from '../flow/flow-of-state';
import type { AuthorizationRequestEntity } from './authorization-request.entity';
import { ChallengeHops } from './challenge.hops';
import { checkAuthenticationTime } from './check-authentication-time';
import { assertPending } from './find-pending';
import { InteractionStore } from './interaction-store';

type AcceptLogin = z.output<typeof AcceptLoginRequestSchema>;
type RejectLogin = z.output<typeof RejectRequestSchema>;

/**
 * Step 2, first half, as seen from the admin API: login-ui asks what a login challenge is about, then
 * tells auth-server who logged in (accept) or that nobody did (reject). Either answer is one-way:
 * the challenge is spent, and the browser is sent back to /authorize/after-login with a verifier.
 * Each call joins the flow of the request's `state` (flow/flow-of-state.ts), and the description
 * hands its flow id to login-ui (`flow_id`).
 */
@Injectable()
export class LoginRequestsService {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly store: InteractionStore,
    private readonly clients: ClientsService,
    private readonly hops: ChallengeHops,
  ) {}

  async get(challenge: string): Promise<LoginRequest> {
    const request = await this.pending(challenge);
    const client = await this.clients.findById(request.clientId);
    return {
      challenge,
      client: { client_id: request.clientId, client_name: client?.clientName ?? request.clientId },
      requested_scope: request.requestedScope,
      expires_at: new Date(request.expiresAt * 1000).toISOString(),
      // auth-server keeps no login sessions: login-ui remembers its users itself (its
      // "Keep me signed in"), and must show its form anyway when prompt includes `login`, or when
      // its session's sign-in is older than max_age.
      skip: false,
      prompt: request.prompt ?? [],
      ...(request.maxAge === null ? {} : { max_age: request.maxAge }),
      ...flowIdField(request.state),
    };
  }

  async accept(challenge: string, body: AcceptLogin): Promise<RedirectTo> {
    const request = await this.pending(challenge);
    checkAuthenticationTime(request, body.authenticated_at, nowInSeconds());
    const verifier = randomToken();
    const accepted = await this.store.transition(request.id, 'login', {
      phase: 'login_accepted',
      subject: body.subject,
      claims: body.claims,
      // The time login-ui says the user authenticated, not now: a silent sign-in from its session
      // is not an authentication (the id_token's auth_time, OIDC Core §2).
      authTime: body.authenticated_at,
      loginVerifierDigest: sha256Digest(verifier),
    });
    if (!accepted) {
      throw adminErrors.alreadyHandled('login request');
    }
    const redirectTo = this.afterLoginUrl(verifier);
    this.hops.decided('login', challenge, 'accept', `subject=${logSafe(body.subject)}`, redirectTo);
    return { redirect_to: redirectTo };
  }

  async reject(challenge: string, body: RejectLogin): Promise<RedirectTo> {
    const request = await this.pending(challenge);
    const verifier = randomToken();
    const rejected = await this.store.transition(request.id, 'login', {
      phase: 'login_rejected',
      rejectionError: body.error,
      rejectionDescription: body.error_description ?? 'The user did not log in',
      loginVerifierDigest: sha256Digest(verifier),
    });
    if (!rejected) {
      throw adminErrors.alreadyHandled('login request');
    }
    const redirectTo = this.afterLoginUrl(verifier);
    this.hops.decided('login', challenge, 'reject', `error=${body.error}`, redirectTo);
    return { redirect_to: redirectTo };
  }

  private async pending(challenge: string): Promise<AuthorizationRequestEntity> {
    const found = await this.store.findBy('loginChallengeDigest', challenge);
    joinFlowOfState(found?.state);
    return assertPending(found, 'login', 'login request');
  }

  private afterLoginUrl(verifier: string): string {
    return `${this.config.issuer}/authorize/after-login?login_verifier=${verifier}`;
  }
}
