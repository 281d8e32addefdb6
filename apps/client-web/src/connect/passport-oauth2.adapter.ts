import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { type TokenResponse, TokenResponseSchema } from '@oauth-flow-lab/contracts';
import { currentFlowId, newFlowId, traceparentOf } from '@oauth-flow-lab/flow-log';
import type { Request } from 'express';
import {
  InternalOAuthError,
  Strategy as OAuth2Strategy,
  type StateStore,
  TokenError,
} from 'passport-oauth2';
import { ClientFlowEvents, type TokenEndpointAnswer } from '../client-flow.events';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import {
  ClientWebError,
  InvalidState,
  TokenEndpointError,
  TokenRequestFailed,
} from '../errors/client-web-errors';
import { endAuthorizationRequest, startAuthorizationRequest } from './authorization-request';
import { clientSecretBasic } from './client-secret-basic';

export const AUTH_SERVER_STRATEGY = 'auth-server';

/**
 * passport-oauth2, told how to take steps 1 and 3 of the authorization-code flow (RFC 6749 §4.1):
 * - step 1 (§4.1.1): it writes the redirect to auth-server's /authorize, with what
 *   connect/authorization-request.ts decides (state, S256 code_challenge, nonce);
 * - step 3 (§4.1.3): it POSTs the code, redirect_uri and code_verifier to the token endpoint and
 *   receives the tokens (step 4, §5.1).
 *
 * passport-oauth2 is made for "log in with X": it does both steps itself, from one fixed set of
 * options. Four of this client's needs do not fit those options, and this file is the one place that
 * bends them. Each work-around uses public options only (no library internals are patched):
 *
 * 1. Client authentication (RFC 6749 §2.3.1). The `oauth` library under passport-oauth2 always
 *    writes `client_id` and `client_secret` into the token request body, and §2.3.1 forbids two
 *    methods at once (auth-server answers invalid_request to Basic plus a body secret). So the
 *    Basic header goes in `customHeaders` and `clientSecret` is empty: the body says
 *    `client_secret=`, which §3.2 tells the server to treat as omitted.
 * 2. The OpenID Connect nonce (OIDC Core §3.1.2.1). passport has no per-request parameter but its
 *    `state` option, handed as is to `authorizationParams` and to the state store: AuthServerGuard
 *    passes `{ nonce }` there (authorizationParams puts it in the URL, the store keeps it).
 * 3. PKCE with our own state store. passport-oauth2 picks the calling convention of `store` and
 *    `verify` from the functions' arity (5 and 3 arguments for PKCE), which its types do not
 *    describe: PendingAuthorizationStore has those arities and is handed over as a StateStore.
 * 4. The flow id on the token request. `customHeaders` are fixed at boot, but `traceparent` belongs to
 *    the request being handled: see withLiveTraceparent.
 *
 * Also here: how passport's outcome reads (codeExchangeAnswer, receivedAuthorization), since only
 * this file knows passport's error types.
 */
@Injectable()
export class AuthServerStrategy extends PassportStrategy(OAuth2Strategy, AUTH_SERVER_STRATEGY, 5) {
  constructor(@Inject(CLIENT_WEB_CONFIG) config: ClientWebConfig, events: ClientFlowEvents) {
    super({
      authorizationURL: config.authServer.authorizationEndpoint,
      tokenURL: config.authServer.tokenEndpoint,
      clientID: config.client.id,
      clientSecret: '', // work-around 1
      customHeaders: withLiveTraceparent({
        Authorization: clientSecretBasic(config.client.id, config.client.secret),
      }),
      callbackURL: config.redirectUri,
      scope: config.client.scope,
      state: true,
      pkce: true,
      store: new PendingAuthorizationStore(config, events).asStateStore(), // work-around 3
      // Who logged in comes from the verified id_token (oidc/id-token-verifier.ts), not /userinfo.
      skipUserProfile: true,
    });
  }

  /** Work-around 2: the nonce AuthServerGuard passed as the `state` option goes into the URL. */
  override authorizationParams(options: { state?: unknown }): object {
    const nonce = nonceOf(options.state);
    return nonce === undefined ? {} : { nonce };
  }

  /**
   * Step 3 refused, RFC 6749 §5.2: passport-oauth2 reads the error response into a TokenError but
   * leaves out the HTTP status it came with (400, or 401 for invalid_client); it is put back.
   */
  override parseErrorResponse(body: unknown, status: number): Error | null {
    const error = super.parseErrorResponse(body, status);
    if (error instanceof TokenError) {
      error.status = status;
    }
    return error;
  }

  /**
   * Step 4 received: passport hands over the token response (RFC 6749 §5.1) split in three; it is
   * checked whole against the contract before anything is stored.
   */
  validate(accessToken: string, refreshToken: string | undefined, results: unknown): TokenResponse {
    const parsed = TokenResponseSchema.safeParse({
      ...(typeof results === 'object' ? results : {}),
      access_token: accessToken,
      refresh_token: refreshToken,
    });
    if (!parsed.success) {
      throw new TokenRequestFailed(
        'The token endpoint did not answer with a valid token response.',
      );
    }
    return parsed.data;
  }
}

/** What AuthServerGuard passes as passport's `state` option (work-around 2). */
export interface AuthorizationRequestExtras {
  nonce: string;
}

export function nonceOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('nonce' in value)) {
    return undefined;
  }
  return typeof value.nonce === 'string' ? value.nonce : undefined;
}

type StoreCallback = (error: Error | null, state?: string) => void;
type VerifyCallback = (
  error: Error | null,
  codeVerifier: string | false,
  info?: { message: string } | AuthorizationRequestExtras,
) => void;

/**
 * passport-oauth2's state store (work-around 3), kept in our session field
 * `session.pendingAuthorization` through connect/authorization-request.ts: passport draws the PKCE
 * code_verifier and hands it over with the `state` option; `store` starts the request, `verify` ends
 * it at /callback and gives back the verifier for the token request.
 */
class PendingAuthorizationStore {
  constructor(
    private readonly config: ClientWebConfig,
    private readonly events: ClientFlowEvents,
  ) {}

  store(
    req: Request,
    codeVerifier: string,
    request: unknown,
    _meta: unknown,
    callback: StoreCallback,
  ): void {
    const nonce = nonceOf(request);
    if (nonce === undefined) {
      callback(new Error('the authorization request has no nonce'));
      return;
    }
    const sent = startAuthorizationRequest(req, this.config, codeVerifier, nonce);
    // passport writes the 302 once the callback runs: the step is told first.
    this.events.emit({ type: 'authorization-requested', request: req, sent }).then(
      () => callback(null, sent.state),
      (error: unknown) => callback(error instanceof Error ? error : new Error('failed')),
    );
  }

  verify(req: Request, providedState: string, callback: VerifyCallback): void {
    const pending = endAuthorizationRequest(req, providedState);
    if (pending === undefined) {
      callback(null, false, {
        message: 'The state does not match a pending authorization request.',
      });
      return;
    }
    // The third argument reaches AuthServerGuard as `info.state`: the nonce the id_token must carry.
    callback(null, pending.codeVerifier, { nonce: pending.nonce });
  }

  /** The arities above are passport's PKCE convention; its declared type is the non-PKCE one. */
  asStateStore(): StateStore {
    return this as unknown as StateStore;
  }
}

/**
 * Work-around 4: headers for passport-oauth2's token request that also carry the flow id.
 *
 * passport-oauth2 hands its `customHeaders` option, as is, to the `oauth` library's OAuth2 client,
 * which copies them onto every request it makes with a `for (var key in this._customHeaders)` loop
 * (oauth/lib/oauth2.js, `_request`). So `traceparent` is an enumerable getter: for..in lists it, and
 * each copy reads it anew, inside the /callback request's flow scope.
 *
 * The value is always a string (Node refuses an undefined header): a token request made outside
 * any known flow starts a flow of its own.
 */
export function withLiveTraceparent(headers: Record<string, string>): Record<string, string> {
  return Object.defineProperty({ ...headers }, 'traceparent', {
    enumerable: true,
    get: () => traceparentOf(currentFlowId() ?? newFlowId()),
  });
}

/** What /callback receives from passport: the token response and the nonce it must be bound to. */
export interface ReceivedAuthorization {
  tokens: unknown;
  nonce: string | undefined;
}

/**
 * Step 3's outcome as passport reports it to AuthServerGuard.handleRequest: the tokens and the
 * nonce, or one of our error types (an error page, never passport's 401 or a 500).
 */
export function receivedAuthorization(
  error: unknown,
  user: unknown,
  info: unknown,
): ReceivedAuthorization {
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
  return { tokens: user, nonce: nonceOf(state) };
}

/** How auth-server answered step 3, read from passport's outcome; null when no request was made. */
export function codeExchangeAnswer(error: unknown, user: unknown): TokenEndpointAnswer | null {
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
