import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthGuard, type IAuthModuleOptions } from '@nestjs/passport';
import type { Request } from 'express';
import { randomBytes } from 'node:crypto';
import { InternalOAuthError, TokenError } from 'passport-oauth2';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import {
  ClientWebError,
  InvalidState,
  TokenEndpointError,
  TokenRequestFailed,
} from '../errors/client-web-errors';
import {
  codeExchangeEntry,
  type TokenEndpointAnswer,
} from '../flow/entries/token-endpoint.entries';
import { FlowRecorder } from '../flow/flow-recorder.service';
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
 * never passport's 401 or a 500. How step 3 went is recorded in the flow (GET /flow, the logs).
 */
@Injectable()
export class AuthServerGuard extends AuthGuard(AUTH_SERVER_STRATEGY) {
  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly recorder: FlowRecorder,
  ) {
    super();
  }

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

  override handleRequest<TUser>(
    error: unknown,
    user: unknown,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    this.recordCodeExchange(context.switchToHttp().getRequest<Request>(), error, user);
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

  /** Step 3 in the flow: the POST /token passport made, and how auth-server answered it. */
  private recordCodeExchange(req: Request, error: unknown, user: unknown): void {
    const code = req.query.code;
    const answer = codeExchangeAnswer(error, user);
    if (typeof code !== 'string' || answer === null) {
      return;
    }
    this.recorder.record(
      req,
      codeExchangeEntry(
        {
          tokenEndpoint: this.config.authServer.tokenEndpoint,
          clientId: this.config.client.id,
          code,
          redirectUri: this.config.redirectUri,
        },
        answer,
      ),
    );
  }
}

/** What passport's outcome says about auth-server's answer; null when no request was made. */
function codeExchangeAnswer(error: unknown, user: unknown): TokenEndpointAnswer | null {
  if (error instanceof TokenError) {
    return {
      kind: 'answered',
      status: error.status,
      error: error.code,
      description: error.message,
    };
  }
  if (error instanceof TokenRequestFailed) {
    // Thrown by AuthServerStrategy.validate: auth-server answered 2xx, but not RFC 6749 §5.1.
    return {
      kind: 'answered',
      status: 200,
      error: 'not a token response',
      description: error.description,
    };
  }
  if (error instanceof InternalOAuthError) {
    const status = statusCodeOf(error.oauthError);
    return status === undefined
      ? { kind: 'unreachable', reason: 'auth-server could not be reached' }
      : { kind: 'answered', status };
  }
  return error || !user ? null : { kind: 'answered', status: 200 };
}

function statusCodeOf(oauthError: unknown): number | undefined {
  if (typeof oauthError !== 'object' || oauthError === null || !('statusCode' in oauthError)) {
    return undefined;
  }
  return typeof oauthError.statusCode === 'number' ? oauthError.statusCode : undefined;
}
