import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthGuard, type IAuthModuleOptions } from '@nestjs/passport';
import type { Request } from 'express';
import { ClientFlowEvents } from '../client-flow.events';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { newNonce } from './authorization-request';
import {
  AUTH_SERVER_STRATEGY,
  type AuthorizationRequestExtras,
  codeExchangeAnswer,
  receivedAuthorization,
} from './passport-oauth2.adapter';

/**
 * Runs the auth-server strategy (connect/passport-oauth2.adapter.ts):
 * - on /connect, step 1: passport answers with the redirect to /authorize itself;
 * - on /callback, step 3: passport exchanges the code at the token endpoint and the token response
 *   (step 4) with the nonce it must carry is left in `req.user` for CallbackController.
 */
@Injectable()
export class AuthServerGuard extends AuthGuard(AUTH_SERVER_STRATEGY) {
  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly events: ClientFlowEvents,
  ) {
    super();
  }

  /** Step 1: a fresh nonce per authorization request, handed to passport as its `state` option. */
  override getAuthenticateOptions(context: ExecutionContext): IAuthModuleOptions | undefined {
    const query = context.switchToHttp().getRequest<Request>().query;
    if (query.code !== undefined) {
      return undefined;
    }
    const extras: AuthorizationRequestExtras = { nonce: newNonce() };
    return { state: extras };
  }

  /** Step 3 done: tell how auth-server answered, then hand on the tokens or the error. */
  override handleRequest<TUser>(
    error: unknown,
    user: unknown,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    const req = context.switchToHttp().getRequest<Request>();
    const answer = codeExchangeAnswer(error, user);
    if (answer !== null && typeof req.query.code === 'string') {
      // handleRequest cannot wait (passport's callback is synchronous); no listener of this event
      // has asynchronous work, and emit never rejects.
      void this.events.emit({
        type: 'code-exchanged',
        request: req,
        tokenEndpoint: this.config.authServer.tokenEndpoint,
        clientId: this.config.client.id,
        code: req.query.code,
        redirectUri: this.config.redirectUri,
        answer,
      });
    }
    return receivedAuthorization(error, user, info) as TUser;
  }
}
