import {
  ACCESS_TOKEN_ALGORITHMS,
  ACCESS_TOKEN_TYP_VALUES,
  type AccessTokenHeader,
} from '@oauth-flow-lab/contracts';
import { InvalidToken } from '../errors/resource-access.errors';

/**
 * Step 6, before any key is looked up: the token's JOSE header (RFC 7515 §4).
 *
 * - it is a JWS in compact serialization: three base64url parts, the first a JSON object (case 28)
 * - `alg` is on our allow-list, RS256 only (RFC 8725 §3.1): `none` and HS256 (an HMAC keyed with
 *   our *public* key, which anyone can compute) are refused here, before anything else (case 28)
 * - `typ` is `at+jwt` (RFC 9068 §4): an id_token or any other JWT signed with the same key is not an
 *   access token and must not be accepted as one (case 30)
 * - no `crit` header: it lists extensions the recipient MUST understand (RFC 7515 §4.1.11), and
 *   we understand none
 * - `kid` names the key; it is only ever compared with the kids of the fetched key set (case 29)
 *
 * `jku`, `x5u`, `jwk` and `x5c` are not read at all: a token cannot tell us where to find the key that
 * verifies it (RFC 8725 §3.10), the key comes from the configured JWKS URL only.
 */
export function checkJoseHeader(token: unknown): AccessTokenHeader {
  const header = decodeHeader(token);
  if (header === null) {
    throw new InvalidToken('The access token is not a JWT (JWS compact serialization)');
  }
  const alg = ACCESS_TOKEN_ALGORITHMS.find((accepted) => accepted === header['alg']);
  if (alg === undefined) {
    throw new InvalidToken(
      `The token's alg is not accepted: ${ACCESS_TOKEN_ALGORITHMS.join(', ')} only`,
    );
  }
  const typ = header['typ'];
  if (typeof typ !== 'string' || !ACCESS_TOKEN_TYP_VALUES.includes(typ.toLowerCase())) {
    throw new InvalidToken('The token is not an access token: its typ header is not at+jwt');
  }
  if (header['crit'] !== undefined) {
    throw new InvalidToken(
      'The token has a crit header listing extensions this server does not support',
    );
  }
  const kid = header['kid'];
  if (typeof kid !== 'string' || kid.length === 0) {
    throw new InvalidToken('The token has no kid header naming its signing key');
  }
  return { alg, typ, kid };
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

function decodeHeader(token: unknown): Record<string, unknown> | null {
  if (typeof token !== 'string' || !COMPACT_JWS.test(token)) {
    return null;
  }
  try {
    const json = Buffer.from(token.split('.')[0], 'base64url').toString('utf8');
    const header: unknown = JSON.parse(json);
    return typeof header === 'object' && header !== null && !Array.isArray(header)
      ? (header as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
