import type { ActiveToken } from '@oauth-flow-lab/contracts';
import { IntrospectionUnavailable, InvalidToken } from '../errors/resource-access.errors';
import { quoted, TokenCheckFailure } from '../token/token-check';
import type { IntrospectionAnswer, IntrospectionOutcome } from './token-introspector';

/**
 * Step 6 in introspection mode, the first two checks: what auth-server answered (RFC 7662 §2.2).
 *
 * - active: auth-server says `active: true`. `{"active": false}` is all it says of a token that is
 *   revoked, expired, unknown, forged, or not for this resource server, and it is a 401
 *   invalid_token (RFC 6750 §3.1) like any token the API cannot accept. No answer at all is our
 *   outage: 503, never a 500, and never "valid".
 * - token_type: an access token; a refresh token is not a credential for the API.
 */
export function checkActive(outcome: IntrospectionOutcome, cacheSeconds: number): string {
  if (outcome.kind === 'unavailable') {
    throw new TokenCheckFailure(
      `auth-server could not be asked (${outcome.reason})`,
      new IntrospectionUnavailable(),
    );
  }
  if (!outcome.response.active) {
    throw new TokenCheckFailure(
      'auth-server says {"active": false}: revoked, expired, unknown, or not for this resource server',
      new InvalidToken(
        'The access token is not active: the authorization server says it is revoked, expired or unknown',
      ),
    );
  }
  return activeText(outcome, cacheSeconds);
}

/** token_type, as auth-server names it (RFC 7662 §2.2): `access_token`. */
export function checkTokenType(answer: ActiveToken): string {
  if (answer.token_type !== 'access_token') {
    throw new TokenCheckFailure(
      `token_type ${quoted(answer.token_type)} is not access_token`,
      new InvalidToken('The token is not an access token (token_type)'),
    );
  }
  return 'token_type access_token';
}

function activeText(answer: IntrospectionAnswer, cacheSeconds: number): string {
  return answer.source.from === 'auth-server'
    ? `auth-server says active (asked now, ${answer.source.ms} ms)`
    : `active, as auth-server said ${(answer.source.ageMs / 1000).toFixed(1)} s ago (answers kept up to ${cacheSeconds} s)`;
}
