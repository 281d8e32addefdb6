import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { ClientWebError } from '../errors/client-web-errors';
import {
  tokenResponseEntry,
  type TokenResponseVerdict,
} from '../flow/entries/token-endpoint.entries';
import { FlowRecorder } from '../flow/flow-recorder.service';
import { IdTokenVerifier } from '../oidc/id-token-verifier';
import { ConnectionService } from '../session/connection.service';
import type { SignedInUser } from '../session/session-data';
import type { ReceivedTokenResponse } from './received-tokens.decorator';

/**
 * Step 4 received at /callback: the id_token is verified first (OpenID Connect: who logged in),
 * and only then are the tokens kept in the session. Either way, step 4 goes into the flow with the
 * tokens decoded (GET /flow) and one line in the logs.
 */
@Injectable()
export class AcceptTokenResponse {
  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly idTokens: IdTokenVerifier,
    private readonly connections: ConnectionService,
    private readonly recorder: FlowRecorder,
  ) {}

  async accept(req: Request, received: ReceivedTokenResponse): Promise<void> {
    let signedInUser: SignedInUser | null;
    try {
      signedInUser = await this.idTokens.verify(received);
    } catch (error: unknown) {
      if (error instanceof ClientWebError) {
        this.record(req, received, {
          kind: 'refused',
          code: error.code,
          description: error.description,
        });
      }
      throw error;
    }
    this.record(req, received, {
      kind: 'accepted',
      idToken: signedInUser === null ? 'none' : 'verified',
    });
    await this.connections.connect(req, received.tokens, signedInUser);
  }

  private record(
    req: Request,
    received: ReceivedTokenResponse,
    verdict: TokenResponseVerdict,
  ): void {
    this.recorder.record(
      req,
      tokenResponseEntry(
        this.config.authServer.tokenEndpoint,
        'authorization_code',
        received.tokens,
        verdict,
      ),
    );
  }
}
