import { AccessTokenClaimsSchema, parseScope } from '@oauth-flow-lab/contracts';
import { InvalidToken, ResourceAccessError } from '../errors/resource-access.errors';
import type { Principal } from '../principal/principal';
import { TokenCheckFailure } from './token-check';

/**
 * Step 6, after the signature, `iss`, `aud`, `exp` and `nbf` were verified: the claims RFC 9068 §2.2
 * requires of every access token (iss, sub, aud, client_id, scope, iat, exp, jti) are all present and
 * well typed (case 31). A signed JWT lacking one is not an access token of this issuer.
 *
 * The result is the principal the protected routes see: who (`sub`), through which client
 * (`client_id`), with which scopes (`scope`, space-delimited, RFC 6749 §3.3).
 */
export function principalFromClaims(payload: unknown): Principal {
  const result = AccessTokenClaimsSchema.safeParse(payload);
  if (!result.success) {
    const claims = [...new Set(result.error.issues.map((issue) => issue.path.join('.')))];
    throw new InvalidToken(`The token lacks or has malformed claims: ${claims.join(', ')}`);
  }
  const claims = result.data;
  const scopes = parseScope(claims.scope);
  if (scopes === null) {
    throw new InvalidToken('The token has a malformed scope claim');
  }
  return { sub: claims.sub, clientId: claims.client_id, scopes, claims };
}

/** The `claims` check: principalFromClaims, its refusal as the check's failure. */
export function checkClaims(payload: unknown): Principal {
  try {
    return principalFromClaims(payload);
  } catch (error: unknown) {
    if (error instanceof ResourceAccessError) {
      throw new TokenCheckFailure(error.errorDescription, error);
    }
    throw error;
  }
}
