import type {
  AuthorizationErrorCode,
  OAuthErrorCode,
  TokenErrorCode,
} from '@oauth-flow-lab/contracts';

/**
 * The OAuth errors, one type per RFC error code. Checks throw them naming the offending parameter;
 * OAuthExceptionFilter (oauth-exception.filter.ts) renders every one of them in one place:
 * JSON at /token (RFC 6749 §5.2), a redirect carrying `error` at /authorize (§4.1.2.1), or an HTML page
 * when the redirect URI itself cannot be trusted (§4.1.2.1, first paragraph).
 */
export abstract class OAuthError extends Error {
  abstract readonly error: OAuthErrorCode;
  /** RFC 6749 §5.2: 400 unless said otherwise. */
  readonly status: number = 400;

  constructor(readonly description: string) {
    super(description);
  }
}

export class InvalidRequest extends OAuthError {
  readonly error = 'invalid_request';
}

/** RFC 6749 §5.2: 401, with WWW-Authenticate naming the scheme the client used (Basic here). */
export class InvalidClient extends OAuthError {
  readonly error = 'invalid_client';
  override readonly status = 401;
}

/**
 * Too many failed client authentications from this address (docs/security-cases.md, case 21;
 * RFC 6749 §10.10, credentials-guessing attacks): the credentials are not even checked until
 * `retryAfterSeconds` have passed. RFC 6749 §5.2 has no code for this; invalid_client is the one every client library knows
 * (its authentication is refused), and the 429 with Retry-After says why and for how long.
 */
export class ClientAuthenticationThrottled extends OAuthError {
  readonly error = 'invalid_client';
  override readonly status = 429;

  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed client authentications; retry after ${retryAfterSeconds} s`);
  }
}

export class InvalidGrant extends OAuthError {
  readonly error = 'invalid_grant';
}

export class UnauthorizedClient extends OAuthError {
  readonly error = 'unauthorized_client';
}

export class UnsupportedGrantType extends OAuthError {
  readonly error = 'unsupported_grant_type';
}

export class InvalidScope extends OAuthError {
  readonly error = 'invalid_scope';
}

export class UnsupportedResponseType extends OAuthError {
  readonly error = 'unsupported_response_type';
}

export class AccessDenied extends OAuthError {
  readonly error = 'access_denied';
}

/** OIDC Core §3.1.2.6: the user would have to log in, and `prompt=none` forbids showing anything. */
export class LoginRequired extends OAuthError {
  readonly error = 'login_required';
}

/** Errors a client may receive at its redirect_uri (RFC 6749 §4.1.2.1). */
export type AuthorizationError = OAuthError & { readonly error: AuthorizationErrorCode };
/** Errors of the token endpoint (RFC 6749 §5.2). */
export type TokenError = OAuthError & { readonly error: TokenErrorCode };

/**
 * An authorization request failed after its client and redirect_uri were verified: the user agent is
 * sent back to the client with the error (RFC 6749 §4.1.2.1), `state` and `iss` (RFC 9207).
 */
export class AuthorizationResponseError extends Error {
  constructor(
    readonly oauthError: OAuthError,
    readonly redirectUri: string,
    readonly state: string | undefined,
  ) {
    super(oauthError.description);
  }
}

/**
 * A request from the browser that cannot be answered by redirecting to a client: an unknown client,
 * an unregistered redirect_uri (RFC 6749 §4.1.2.1: "MUST NOT automatically redirect"), or an
 * interaction that expired. Rendered as an HTML page with this status.
 */
export class BrowserError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/**
 * Too many /authorize requests from one address (docs/security-cases.md, case 44): a 429 page with
 * Retry-After. Not a redirect to the client: nothing of the request has been checked yet, and the
 * point is to spend nothing more on it.
 */
export class TooManyAuthorizationRequests extends BrowserError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'Too many requests',
      'Too many sign-in requests came from your network. Wait a moment, then start again from the application.',
    );
  }
}
