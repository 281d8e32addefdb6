import type { ExecutionContext } from '@nestjs/common';
import type { TokenValidationMode } from '@oauth-flow-lab/contracts';
import type { Principal } from '../principal/principal';
import type { TokenFacts } from '../step-six.events';

/** A token every check of step 6 passed: whose it is, and what the log may say of it. */
export interface AcceptedToken {
  principal: Principal;
  facts: TokenFacts;
}

/**
 * Step 6 has two ways to decide whether an access token is good, and AccessTokenGuard holds one of
 * them (TOKEN_VALIDATION, chosen by ResourceGuardsModule from the options), so routes and
 * controllers never know which:
 *
 * - JwtValidation (`jwt`, the default): the JWT is verified here, through passport-jwt, with the
 *   issuer's public keys (RFC 9068 §4). auth-server is asked for its keys only, never about a
 *   token: fast and independent of auth-server, but a revoked token stays good until it expires.
 * - IntrospectionValidation (`introspection`): auth-server is asked about the token (RFC 7662):
 *   a revocation is seen at once (after at most the cache time), at the price of a round trip and
 *   of depending on auth-server for every new token.
 */
export interface TokenValidation {
  readonly mode: TokenValidationMode;
  /**
   * Every check of this way, in order, on the Bearer `token` of the request of `context`, for an
   * endpoint requiring `requiredScopes`: the accepted token, or TokenRefused naming the first
   * check that failed (its `answer` is the API's, RFC 6750 §3). What no check explains (a bug) is
   * thrown as it is.
   */
  validate(
    token: string,
    requiredScopes: readonly string[],
    context: ExecutionContext,
  ): Promise<AcceptedToken>;
}

/** Injection token of the TokenValidation AccessTokenGuard uses. */
export const TOKEN_VALIDATION = Symbol('TOKEN_VALIDATION');
