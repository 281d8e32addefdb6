/**
 * Every way a flow can fail on client-web's side, one type per error code. Checks throw them;
 * ClientWebExceptionFilter renders them all as HTML pages (the code in `data-testid="error"`).
 * None of them is a 500: they are answers to bad or hostile input, or to another service failing.
 */
export abstract class ClientWebError extends Error {
  abstract readonly code: string;
  readonly status: number = 400;

  constructor(readonly description: string) {
    super(description);
  }
}

/** The authorization response is malformed: no `code`, or a parameter sent twice (RFC 6749 §4.1.2). */
export class InvalidAuthorizationResponse extends ClientWebError {
  readonly code = 'invalid_request';
}

/** RFC 9207 §2.4: `iss` missing or not our authorization server (mix-up attack). */
export class InvalidIssuer extends ClientWebError {
  readonly code = 'invalid_iss';
}

/** RFC 6749 §10.12: `state` missing, foreign, or already used (CSRF on the callback, replay). */
export class InvalidState extends ClientWebError {
  readonly code = 'invalid_state';
}

/** RFC 6749 §4.1.2.1: the user said no at the consent page. Rendered as the "You declined" page. */
export class AuthorizationDeclined extends ClientWebError {
  readonly code = 'access_denied';
  override readonly status = 200;
}

/** RFC 6749 §4.1.2.1: every other error auth-server sent back with the browser. */
export class AuthorizationServerError extends ClientWebError {
  constructor(
    readonly code: string,
    description: string,
  ) {
    super(description);
  }
}

/** RFC 6749 §5.2: the token endpoint answered with an error (e.g. invalid_grant for a used code). */
export class TokenEndpointError extends ClientWebError {
  constructor(
    readonly code: string,
    description: string,
  ) {
    super(description);
  }
}

/**
 * OIDC Core §3.1.3.7: the id_token failed validation (signature, iss, aud, exp, nonce, at_hash):
 * the login is refused and nothing is stored.
 */
export class InvalidIdToken extends ClientWebError {
  readonly code = 'invalid_id_token';
}

/**
 * auth-server's JWK Set cannot be fetched, so the id_token cannot be checked (OIDC Core §10.1.1):
 * the login is refused and nothing is stored, as for a bad id_token, but the page says the truth,
 * an outage to wait out rather than a token to distrust. The code is RFC 6749 §4.1.2.1's.
 */
export class AuthServerKeysUnavailable extends ClientWebError {
  readonly code = 'temporarily_unavailable';
  override readonly status = 503;
}

/** The token endpoint could not be reached, or did not answer with an RFC 6749 §5.1 response. */
export class TokenRequestFailed extends ClientWebError {
  readonly code = 'token_request_failed';
  override readonly status = 502;
}

/**
 * Too many GET /connect from one address (docs/security-cases.md, case 44): 429 with Retry-After.
 */
export class TooManyConnects extends ClientWebError {
  readonly code = 'too_many_requests';
  override readonly status = 429;

  constructor(readonly retryAfterSeconds: number) {
    super('Too many sign-in attempts came from your network. Wait a moment, then try again.');
  }
}

/** The POST form did not carry the CSRF token of this session. */
export class InvalidCsrfToken extends ClientWebError {
  readonly code = 'invalid_csrf_token';
  override readonly status = 403;
}
