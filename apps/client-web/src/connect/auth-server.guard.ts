import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { TokenError } from 'passport-oauth2';
import {
  ClientWebError,
  InvalidState,
  TokenEndpointError,
  TokenRequestFailed,
} from '../errors/client-web-errors';
import { AUTH_SERVER_STRATEGY } from './auth-server.strategy';

/**
 * Runs the auth-server strategy: on /connect it answers with the step 1 redirect itself; on
 * /callback it performs step 3 and leaves the validated token response in `req.user`.
 * Every failure becomes one of our error types (an error page), never passport's 401 or a 500.
 */
@Injectable()
export class AuthServerGuard extends AuthGuard(AUTH_SERVER_STRATEGY) {
  override handleRequest<TUser>(error: unknown, user: unknown): TUser {
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
    return user as TUser;
  }
}
