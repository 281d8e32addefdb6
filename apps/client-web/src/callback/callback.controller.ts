import { Controller, Get, Redirect, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { AuthServerGuard } from '../connect/auth-server.guard';
import { AuthorizationResponseGuard } from './authorization-response.guard';
import { ConnectionService } from '../session/connection.service';
import { IdTokenVerifier } from '../oidc/id-token-verifier';
import { ReceivedTokens, type ReceivedTokenResponse } from './received-tokens.decorator';

/**
 * Step 3, RFC 6749 §4.1.2 → §4.1.3: '/callback' is the registered redirect_uri. The guards run in
 * order: first our checks of the authorization response (iss, state, error), then passport's code
 * exchange at the token endpoint. Then the id_token is verified (OpenID Connect: who logged in); only
 * then are the tokens kept in the session, and 303 home (which drops the code from the address bar
 * and the history).
 */
@Controller('callback')
export class CallbackController {
  constructor(
    private readonly connections: ConnectionService,
    private readonly idTokens: IdTokenVerifier,
  ) {}

  @Get()
  @UseGuards(AuthorizationResponseGuard, AuthServerGuard)
  @Redirect('/', 303)
  async callback(
    @Req() req: Request,
    @ReceivedTokens() received: ReceivedTokenResponse,
  ): Promise<void> {
    const signedInUser = await this.idTokens.verify(received);
    await this.connections.connect(req, received.tokens, signedInUser);
  }
}
