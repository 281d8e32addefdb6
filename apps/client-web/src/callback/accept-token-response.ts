import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ClientFlowEvents, type TokenResponseVerdict } from '../client-flow.events';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { ClientWebError } from '../errors/client-web-errors';
import { IdTokenVerifier } from '../oidc/id-token-verifier';
import { ConnectionService } from '../session/connection.service';
import type { SignedInUser } from '../session/session-data';
import type { ReceivedTokenResponse } from './received-tokens.decorator';

/**
 * Step 4 received at /callback (RFC 6749 §5.1): the id_token is verified first (OpenID Connect:
 * who logged in), and only then are the tokens kept in the session. Either way, the verdict is
 * told (`token-response-checked`).
 */
@Injectable()
export class AcceptTokenResponse {
  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly idTokens: IdTokenVerifier,
    private readonly connections: ConnectionService,
    private readonly events: ClientFlowEvents,
  ) {}

  async accept(req: Request, received: ReceivedTokenResponse): Promise<void> {
    let signedInUser: SignedInUser | null;
    try {
      signedInUser = await this.idTokens.verify(received);
    } catch (error: unknown) {
      if (error instanceof ClientWebError) {
        const { code, description } = error;
        await this.checked(req, received, { kind: 'refused', code, description });
      }
      throw error;
    }
    const idToken = signedInUser === null ? 'none' : 'verified';
    await this.checked(req, received, { kind: 'accepted', idToken });
    await this.connections.connect(req, received.tokens, signedInUser);
  }

  private checked(
    req: Request,
    received: ReceivedTokenResponse,
    verdict: TokenResponseVerdict,
  ): Promise<void> {
    return this.events.emit({
      type: 'token-response-checked',
      request: req,
      tokenEndpoint: this.config.authServer.tokenEndpoint,
      tokens: received.tokens,
      verdict,
    });
  }
}
