import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, type IAuthModuleOptions } from '@nestjs/passport';
import type { Request } from 'express';
import { randomBytes } from 'node:crypto';
import { TokenError } from 'passport-oauth2';
import {
  ClientWebError,
  InvalidState,
  TokenEndpointError,
  TokenRequestFailed,
} from '../errors/client-web-errors';
import { AUTH_SERVER_STRATEGY } from './auth-server.strategy';
import { type AuthorizationRequestExtras, nonceOf } from './pending-authorization.store';

/** What /callback receives from passport: the token response and the nonce it must be bound to. */
export interface ReceivedAuthorization {
  tokens: unknown;
  nonce: string | undefined;
}

/**
 * Runs the auth-server strategy: on /connect it answers with the step 1 redirect itself; on
 * /callback it performs step 3 and leaves the token response (validated by AuthServerStrategy) and
 * the expected nonce in `req.user`. Every failure becomes one of our error types (an error page),
 * never passport's 401 or a 500.
 */
@Injectable()
export class AuthServerGuard extends AuthGuard(AUTH_SERVER_STRATEGY) {
  /**
   * Step 1: a fresh OpenID Connect nonce per authorization request (OIDC Core §3.1.2.1, §15.5.2),
   * handed to passport-oauth2 as the `state` option: the strategy puts it in the URL
   * (authorizationParams) and our state store keeps it with the state and the PKCE verifier.
   */
  override getAuthenticateOptions(context: ExecutionContext): IAuthModuleOptions | undefined {
    const query = context.switchToHttp().getRequest<Request>().query;
    if (query.code !== undefined) {
      return undefined;
    }
    const extras: AuthorizationRequestExtras = { nonce: randomBytes(32).toString('base64url') };
    return { state: extras };
  }

  override handleRequest<TUser>(error: unknown, user: unknown, info: unknown): TUser {
    if (error instanceof ClientWebError) {
      throw error;
    }
    if (error instanceof TokenError) {
      // RFC 6749 §5.2: e.g. invalid_grant for an expired or already used code.
      throw new TokenEndpointError(error.code, error.message || 'The token request was refused.');
    }
    if (error) {
      // passport-oauth2's InternalOAuthError: connection refused, a non-JSON answer...
      throw new TokenRequestFailed('The token endpoint could not be reached or gave no answer.');
    }
    if (!user) {
      throw new InvalidState('The state does not match a pending authorization request.');
    }
    // passport-oauth2 passes what our store's verify() gave back as `info.state`.
    const state = typeof info === 'object' && info !== null && 'state' in info ? info.state : null;
    const received: ReceivedAuthorization = { tokens: user, nonce: nonceOf(state) };
    return received as TUser;
  }
}
