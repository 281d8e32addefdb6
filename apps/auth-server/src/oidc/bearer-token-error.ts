import { type BearerErrorCode, errorDescriptionOf } from '@oauth-flow-lab/contracts';

/**
 * RFC 6750 §3: why /userinfo refused a request, rendered by UserInfoExceptionFilter as a
 * `WWW-Authenticate: Bearer` challenge. No `error` when no token was sent at all (§3.1).
 */
export class BearerTokenError extends Error {
  constructor(
    readonly status: 400 | 401 | 403,
    readonly error: BearerErrorCode | undefined,
    readonly description: string,
    /** §3: the scope the request needed (with insufficient_scope). */
    readonly scope?: string,
  ) {
    super(description);
  }

  static missing(): BearerTokenError {
    return new BearerTokenError(401, undefined, 'An access token is required');
  }

  static invalid(description: string): BearerTokenError {
    return new BearerTokenError(401, 'invalid_token', description);
  }

  static insufficientScope(scope: string): BearerTokenError {
    return new BearerTokenError(
      403,
      'insufficient_scope',
      `The access token lacks the ${scope} scope`,
      scope,
    );
  }

  /** The challenge; values restricted to RFC 6750 §3's %x20-21 / %x23-5B / %x5D-7E. */
  challenge(realm: string): string {
    const attributes: [string, string | undefined][] = [
      ['realm', realm],
      ['error', this.error],
      ['error_description', this.error === undefined ? undefined : this.description],
      ['scope', this.scope],
    ];
    const present = attributes.filter((entry): entry is [string, string] => entry[1] !== undefined);
    return `Bearer ${present.map(([name, value]) => `${name}="${errorDescriptionOf(value)}"`).join(', ')}`;
  }
}
