import { HttpException, HttpStatus } from '@nestjs/common';
import type { BearerChallenge } from './www-authenticate';

/**
 * Step 6: why a request to a protected resource was refused, one class per answer (RFC 6750 §3.1).
 * Each carries the JSON body `{error, error_description}` and, for 401/403, the Bearer challenge;
 * ResourceAccessErrorFilter renders them all, in one place.
 */
export abstract class ResourceAccessError extends HttpException {
  protected constructor(
    status: HttpStatus,
    readonly error: string,
    readonly errorDescription: string,
    /** null when the answer is not an authentication challenge (503). */
    readonly challenge: BearerChallenge | null,
  ) {
    super({ error, error_description: errorDescription }, status);
    this.message = errorDescription;
  }
}

/** §3.1: no credentials at all (or another scheme): challenge without an error code. */
export class MissingAccessToken extends ResourceAccessError {
  constructor() {
    super(
      HttpStatus.UNAUTHORIZED,
      'unauthorized',
      'This resource needs an access token: send it as Authorization: Bearer <token>',
      {},
    );
  }
}

/** §3.1 invalid_request: the token was sent in a way this server does not accept. */
export class InvalidRequest extends ResourceAccessError {
  constructor(description: string) {
    super(HttpStatus.UNAUTHORIZED, 'invalid_request', description, {
      error: 'invalid_request',
      errorDescription: description,
    });
  }
}

/** §3.1 invalid_token: expired, malformed, wrongly signed, not for us, or not an access token. */
export class InvalidToken extends ResourceAccessError {
  constructor(description: string) {
    super(HttpStatus.UNAUTHORIZED, 'invalid_token', description, {
      error: 'invalid_token',
      errorDescription: description,
    });
  }
}

/** §3.1 insufficient_scope: a valid token that was not granted what this resource requires. */
export class InsufficientScope extends ResourceAccessError {
  constructor(requiredScopes: readonly string[]) {
    const scope = requiredScopes.join(' ');
    const description = `This resource requires the scope ${scope}`;
    super(HttpStatus.FORBIDDEN, 'insufficient_scope', description, {
      error: 'insufficient_scope',
      errorDescription: description,
      scope,
    });
  }
}

/**
 * What step 6 needs from the authorization server cannot be had right now: the token may well be
 * valid, so this is our outage (503 `temporarily_unavailable`, with `Retry-After`), not the
 * client's fault, and never a 500 either. Never "let it through" instead: a resource server that
 * cannot validate a token refuses it.
 */
export abstract class TemporarilyUnavailable extends ResourceAccessError {
  static readonly retryAfterSeconds = 10;

  protected constructor(description: string) {
    super(HttpStatus.SERVICE_UNAVAILABLE, 'temporarily_unavailable', description, null);
  }
}

/** JWT mode: the issuer's key set could not be fetched and no cached key fits the token. */
export class KeySetUnavailable extends TemporarilyUnavailable {
  constructor() {
    super("The authorization server's signing keys cannot be fetched right now; try again shortly");
  }
}

/**
 * Introspection mode: auth-server could not be asked whether the token is active (RFC 7662 §2.1):
 * no answer, a timeout, a 5xx, our own credentials refused, or an answer that is no introspection
 * response.
 */
export class IntrospectionUnavailable extends TemporarilyUnavailable {
  constructor() {
    super(
      'The authorization server cannot be asked whether the access token is active right now; try again shortly',
    );
  }
}
