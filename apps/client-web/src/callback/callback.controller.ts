import { Controller, Get, Redirect, Req, UseGuards } from '@nestjs/common';
import type { TokenResponse } from '@oauth-flow-lab/contracts';
import type { Request } from 'express';
import { AuthServerGuard } from '../connect/auth-server.guard';
import { AuthorizationResponseGuard } from './authorization-response.guard';
import { ConnectionService } from '../session/connection.service';
import { ReceivedTokens } from './received-tokens.decorator';

/**
 * Step 3, RFC 6749 §4.1.2 → §4.1.3: '/callback' is the registered redirect_uri. The guards run in
 * order: first our checks of the authorization response (iss, state, error), then passport's code
 * exchange at the token endpoint. With the tokens in the session, 303 home (which drops the code
 * from the address bar and the history).
 */
@Controller('callback')
export class CallbackController {
  constructor(private readonly connections: ConnectionService) {}

  @Get()
  @UseGuards(AuthorizationResponseGuard, AuthServerGuard)
  @Redirect('/', 303)
  callback(@Req() req: Request, @ReceivedTokens() tokens: TokenResponse): Promise<void> {
    return this.connections.connect(req, tokens);
  }
}
