import fc from 'fast-check';
import { headerValue } from './headers';
import { base64url, fuzzString, near } from './hostile-values';
import { forgedJwts, type JwtMaterial, tamperedTokens } from './jwts';
import { percentEncode } from './parameters';
import { type ClientSecret } from './requests';

/**
 * Authorization headers of every shape: Basic with wrong secrets, no colon or broken base64 and
 * form-encoding (RFC 6749 §2.3.1), Bearer in other spellings and separators (RFC 6750 §2.1), with
 * held, tampered and forged tokens, other schemes, or none.
 */

/** RFC 6749 §2.3.1: `Basic base64(urlencode(id) ":" urlencode(secret))`. */
export function basicOf(id: string, secret: string, formEncode = true): string {
  const encode = (s: string) => (formEncode ? percentEncode(s, false) : s);
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
}

/** Random Basic header shapes: wrong secrets, no colon, invalid base64 or form-encoding. */
export function basicShapes(clients: readonly ClientSecret[]): fc.Arbitrary<string> {
  const ids = clients.map((c) => c.id);
  return fc.oneof(
    fc
      .tuple(
        near([...ids, 'unknown-client']),
        near(['wrong-secret', ...clients.map((c) => c.secret)]),
      )
      .map(([id, secret]) => basicOf(id, secret)),
    fc.tuple(fuzzString, fuzzString).map(([id, secret]) => basicOf(id, secret, false)),
    fc.constantFrom(
      'Basic',
      'Basic ',
      'Basic !!!',
      'Basic ====',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
      `Basic ${Buffer.from(':').toString('base64')}`,
      `Basic ${Buffer.from(':secret').toString('base64')}`,
      `Basic ${Buffer.from('%zz:%zz').toString('base64')}`,
      `Basic ${Buffer.from('client-web:%E0%A4%A').toString('base64')}`,
      `Basic ${Buffer.from('\u0000:\u0000').toString('base64')}`,
      `basic ${Buffer.from('client-web:x').toString('base64')}`,
      `Basic ${Buffer.from('client-web:x').toString('base64url')}`,
      `Basic  ${Buffer.from('client-web:x').toString('base64')}`,
      `Basic ${Buffer.from(`client-web:${'x'.repeat(5000)}`).toString('base64')}`,
    ),
  );
}

/**
 * An Authorization header, or none: `accepted` bearers as they are (the tokens the endpoint takes),
 * held tokens in other schemes and spellings or tampered, forged JWTs, Basic shapes, other schemes.
 */
export function authorizationHeader(
  material: JwtMaterial,
  clients: readonly ClientSecret[],
  accepted: readonly string[] = [],
): fc.Arbitrary<string | undefined> {
  const token = fc.oneof(
    ...(material.heldTokens.length > 0
      ? [
          { weight: 3, arbitrary: fc.constantFrom(...material.heldTokens) },
          { weight: 2, arbitrary: fc.constantFrom(...tamperedTokens(material.heldTokens)) },
        ]
      : []),
    { weight: 3, arbitrary: forgedJwts(material) },
    { weight: 2, arbitrary: base64url(0, 300) },
    { weight: 2, arbitrary: fuzzString },
  );
  const scheme = fc.oneof(
    { weight: 6, arbitrary: fc.constant('Bearer') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'bearer',
        'BEARER',
        'Bearer:',
        'Bearerx',
        'Bearer Bearer',
        'DPoP',
        'Token',
        'MAC',
        'Digest',
        'Negotiate',
        '',
      ),
    },
  );
  const separator = fc.oneof(
    { weight: 6, arbitrary: fc.constant(' ') },
    { weight: 1, arbitrary: fc.constantFrom('', '  ', '\t', ',', '=', ' \t ') },
  );
  const suffix = fc.oneof(
    { weight: 6, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom(' ', ' extra', ', Bearer x', '=', '==', '.', '\t') },
  );
  const bearerLike = fc
    .tuple(scheme, separator, token, suffix)
    .map(([s, sep, t, suf]) => `${s}${sep}${t}${suf}`);
  // A token the endpoint accepts, as a client sends it: the request gets past the token checks
  // to the route, where the rest of it (body, query) is what gets fuzzed.
  const held =
    accepted.length > 0
      ? [{ weight: 6, arbitrary: fc.constantFrom(...accepted).map((t) => `Bearer ${t}`) }]
      : [];
  return fc
    .oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      ...held,
      { weight: 5, arbitrary: bearerLike },
      { weight: 2, arbitrary: basicShapes(clients) },
      { weight: 1, arbitrary: fuzzString },
    )
    .map((value) => (value === undefined ? undefined : headerValue(value)));
}
