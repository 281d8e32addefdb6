import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { type TokenResponse, TokenResponseSchema } from '@oauth-flow-lab/contracts';
import { Strategy as OAuth2Strategy, TokenError } from 'passport-oauth2';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { TokenRequestFailed } from '../errors/client-web-errors';
import { FlowRecorder } from '../flow/flow-recorder.service';
import { withLiveTraceparent } from '../flow/live-traceparent';
import { clientSecretBasic } from './client-secret-basic';
import { nonceOf, PendingAuthorizationStore } from './pending-authorization.store';

export const AUTH_SERVER_STRATEGY = 'auth-server';

/**
 * Steps 1 and 3 of the authorization-code flow (RFC 6749 §4.1), run by passport-oauth2:
 * - step 1 (§4.1.1): redirect the browser to auth-server's /authorize with response_type=code,
 *   client_id, redirect_uri, scope, state (§10.12), an S256 code_challenge (RFC 7636 §4.3) and the
 *   OpenID Connect nonce (OIDC Core §3.1.2.1);
 * - step 3 (§4.1.3): POST the code, redirect_uri and code_verifier to the token endpoint,
 *   authenticated with client_secret_basic, and receive the tokens (step 4, §5.1).
 *
 * Client authentication. The `oauth` library under passport-oauth2 always writes `client_id` and
 * `client_secret` into the token request body. RFC 6749 §2.3.1 forbids using two authentication
 * methods at once (auth-server answers invalid_request when Basic comes with a body client_secret).
 * Rather than patching the library's internals, we use its public options: the Basic header goes in
 * `customHeaders` and `clientSecret` is empty, so the body says `client_secret=` which RFC 6749 §3.2
 * tells the server to treat as omitted. `client_id` in the body is allowed (§3.2.1) and matches.
 *
 * Flow id: the token request carries `traceparent` like every back-channel call, through the same
 * `customHeaders` (see flow/live-traceparent.ts for how a fixed option yields a per-request value).
 */
@Injectable()
export class AuthServerStrategy extends PassportStrategy(OAuth2Strategy, AUTH_SERVER_STRATEGY, 5) {
  constructor(@Inject(CLIENT_WEB_CONFIG) config: ClientWebConfig, recorder: FlowRecorder) {
    super({
      authorizationURL: config.authServer.authorizationEndpoint,
      tokenURL: config.authServer.tokenEndpoint,
      clientID: config.client.id,
      clientSecret: '',
      customHeaders: withLiveTraceparent({
        Authorization: clientSecretBasic(config.client.id, config.client.secret),
      }),
      callbackURL: config.redirectUri,
      scope: config.client.scope,
      state: true,
      pkce: true,
      store: new PendingAuthorizationStore(config, recorder).asStateStore(),
      // Who logged in comes from the verified id_token (oidc/id-token-verifier.ts), not /userinfo.
      skipUserProfile: true,
    });
  }

  /**
   * Step 1, extra authorization request parameters: OpenID Connect's `nonce` (OIDC Core §3.1.2.1),
   * drawn by AuthServerGuard and passed in as the `state` option.
   */
  override authorizationParams(options: { state?: unknown }): object {
    const nonce = nonceOf(options.state);
    return nonce === undefined ? {} : { nonce };
  }

  /**
   * Step 3 refused, RFC 6749 §5.2: passport-oauth2 reads the error response into a TokenError but
   * leaves out the HTTP status it came with (400, or 401 for invalid_client); the flow view and the
   * logs show it, so it is put back.
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
