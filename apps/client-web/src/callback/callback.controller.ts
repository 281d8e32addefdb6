import { Controller, Get, Redirect, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { AuthServerGuard } from '../connect/auth-server.guard';
import { AcceptTokenResponse } from './accept-token-response';
import { AuthorizationResponseGuard } from './authorization-response.guard';
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
  constructor(private readonly tokenResponse: AcceptTokenResponse) {}

  @Get()
  @UseGuards(AuthorizationResponseGuard, AuthServerGuard)
  @Redirect('/', 303)
  callback(@Req() req: Request, @ReceivedTokens() received: ReceivedTokenResponse): Promise<void> {
    return this.tokenResponse.accept(req, received);
  }
}
