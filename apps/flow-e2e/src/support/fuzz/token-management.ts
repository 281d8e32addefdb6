import fc from 'fast-check';
import { backChannel, type Credentials } from './credentials';
import { base64url, fuzzString, near } from './hostile-values';
import { forgedJwts, type JwtMaterial } from './jwts';
import { parameterList } from './parameters';
import { type FuzzRequest, type FuzzTargets } from './requests';

/**
 * POST /introspect and POST /revoke with random, forged and unknown tokens and token_type_hints,
 * authenticated or not: RFC 7662 §2.1 (the caller must authenticate) and RFC 7009 §2.1/§2.2
 * (an invalid token is no error, an unauthenticated client is).
 */

/** POST /introspect (RFC 7662 §2.1) and POST /revoke (RFC 7009 §2.1) with random tokens and hints. */
export function tokenManagementRequests(
  t: FuzzTargets,
  credentials: fc.Arbitrary<Credentials>,
  material: JwtMaterial,
): fc.Arbitrary<FuzzRequest> {
  const parameters = parameterList({
    token: fc.oneof(base64url(43, 43), forgedJwts({ ...material, heldTokens: [] }), fuzzString),
    token_type_hint: near(['access_token', 'refresh_token'], ['id_token', '', 'ACCESS_TOKEN']),
  });
  return fc
    .constantFrom('/introspect', '/revoke')
    .chain((path) => backChannel(t, path, parameters, credentials, (_a, p) => fc.constant(p)));
}
