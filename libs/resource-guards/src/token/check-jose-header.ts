import {
  ACCESS_TOKEN_ALGORITHMS,
  ACCESS_TOKEN_TYP_VALUES,
  type AccessTokenAlgorithm,
} from '@oauth-flow-lab/contracts';
import { InvalidToken } from '../errors/resource-access.errors';
import { quoted, TokenCheckFailure } from './token-check';

/**
 * Step 6, before any key is looked up: the token's form and its JOSE header (RFC 7515 §4).
 *
 * - format: a JWS in compact serialization, three base64url parts, header and payload JSON
 *   objects (RFC 7515 §7.1, RFC 7519 §7.2); no `crit` header, which lists extensions the recipient
 *   MUST understand (RFC 7515 §4.1.11), and we understand none (case 28)
 * - alg: on our allow-list, RS256 only (RFC 8725 §3.1): `none` and HS256 (an HMAC keyed with our
 *   *public* key, which anyone can compute) are refused here, before anything else (case 28)
 * - typ: `at+jwt` (RFC 9068 §4): an id_token or any other JWT signed with the same key is not an
 *   access token and must not be accepted as one (case 30)
 * - kid: names the key; it is only ever compared with the kids of the fetched key set (case 29)
 *
 * `jku`, `x5u`, `jwk` and `x5c` are not read at all: a token cannot tell us where to find the key that
 * verifies it (RFC 8725 §3.10), the key comes from the configured JWKS URL only.
 */
export type JoseHeader = Readonly<Record<string, unknown>>;

export interface DecodedJws {
  header: JoseHeader;
  /** Not to be trusted before the signature is verified. */
  payload: Record<string, unknown>;
}

const NOT_A_JWT = 'The access token is not a JWT (JWS compact serialization)';

/** format: the three parts decode, header and payload are JSON objects, no `crit`. */
export function decodeCompactJws(token: string): DecodedJws {
  const parts = COMPACT_JWS.test(token) ? token.split('.') : [];
  const header = parts.length === 3 ? jsonObjectOf(parts[0]) : null;
  if (header === null) {
    throw refuse(NOT_A_JWT, 'not three base64url parts with a JSON object as header');
  }
  const payload = jsonObjectOf(parts[1]);
  if (payload === null) {
    throw refuse(NOT_A_JWT, 'the payload is not a base64url JSON object (RFC 7519 §7.2)');
  }
  if (header['crit'] !== undefined) {
    throw refuse(
      'The token has a crit header listing extensions this server does not support',
      `crit ${quoted(header['crit'])} names extensions this server does not understand`,
    );
  }
  return { header, payload };
}

/** alg: RS256, the one algorithm auth-server signs with. */
export function checkAlg(header: JoseHeader): AccessTokenAlgorithm {
  const alg = ACCESS_TOKEN_ALGORITHMS.find((accepted) => accepted === header['alg']);
  if (alg === undefined) {
    throw refuse(
      `The token's alg is not accepted: ${ACCESS_TOKEN_ALGORITHMS.join(', ')} only`,
      `alg ${quoted(header['alg'])} is not on the allow-list (${ACCESS_TOKEN_ALGORITHMS.join(', ')})`,
    );
  }
  return alg;
}

/** typ: at+jwt or application/at+jwt, compared case-insensitively (RFC 7515 §4.1.9). */
export function checkTyp(header: JoseHeader): string {
  const typ = header['typ'];
  if (typeof typ !== 'string' || !ACCESS_TOKEN_TYP_VALUES.includes(typ.toLowerCase())) {
    throw refuse(
      'The token is not an access token: its typ header is not at+jwt',
      `typ ${quoted(typ)} is not at+jwt: not an access token (an id_token is typ JWT)`,
    );
  }
  return typ;
}

/** kid: present and a non-empty string; whether it names a key is JwksKeyProvider's to say. */
export function kidOf(header: JoseHeader): string {
  const kid = header['kid'];
  if (typeof kid !== 'string' || kid.length === 0) {
    throw refuse(
      'The token has no kid header naming its signing key',
      `kid ${quoted(kid)} names no key`,
    );
  }
  return kid;
}

function refuse(description: string, detail: string): TokenCheckFailure {
  return new TokenCheckFailure(detail, new InvalidToken(description));
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

function jsonObjectOf(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
