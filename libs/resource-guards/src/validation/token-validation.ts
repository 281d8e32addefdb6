import type { ExecutionContext } from '@nestjs/common';
import type { TokenValidationMode } from '@oauth-flow-lab/contracts';
import type { TokenCheckRun } from '../token/token-check';

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
 *
 * Both make a list of named checks (a TokenCheckRun), so the refusal, the log lines and the demo's
 * reports read the same way in either mode.
 */
export interface TokenValidation {
  readonly mode: TokenValidationMode;
  /** A run of this way's checks on `token`, none made yet: the guard keeps it beside the request. */
  start(token: string, requiredScopes: readonly string[]): TokenCheckRun;
  /**
   * Makes the checks of `run` for the request of `context`. Afterwards `run.failure` is the answer
   * when one failed; what no check explains (a bug) is thrown as it is.
   */
  complete(run: TokenCheckRun, context: ExecutionContext): Promise<void>;
  /**
   * Every check, in one go, for the demo's reports: the same verdict the guard would reach. In
   * introspection mode auth-server is asked afresh, not the cache.
   */
  report(token: string, requiredScopes: readonly string[]): Promise<TokenCheckRun>;
}

/** Injection token of the TokenValidation AccessTokenGuard uses. */
export const TOKEN_VALIDATION = Symbol('TOKEN_VALIDATION');
