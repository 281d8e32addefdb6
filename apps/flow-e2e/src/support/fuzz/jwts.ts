import fc from 'fast-check';
import { base64url, near } from './hostile-values';

/**
 * Forged JWTs (alg none/HS256, wrong typ, traversal kids, `jku`, `crit`, foreign issuers and
 * audiences) and held tokens tampered in one place. All must be refused: RFC 9068 §4 (validate
 * typ, iss, aud, exp and the signature), RFC 8725 §3.1 (never alg none), RFC 6750 §3.1
 * (invalid_token).
 */

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url');
}

/** What a forged or tampered JWT is built from: a held token, to reuse its kid and signature. */
export interface JwtMaterial {
  issuer: string;
  audience: string;
  heldTokens: readonly string[];
}

/**
 * JWT-shaped tokens that must all be refused: alg none/HS256, wrong typ, traversal kids, `jku`,
 * `crit`, foreign issuers and audiences, far-off expiries; with real kids and real signatures
 * (over other headers and payloads) among them.
 */
export function forgedJwts({ issuer, audience, heldTokens }: JwtMaterial): fc.Arbitrary<string> {
  const kids = heldTokens.map((token) => {
    try {
      const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as {
        kid?: unknown;
      };
      return typeof header.kid === 'string' ? header.kid : 'no-kid';
    } catch {
      return 'no-kid';
    }
  });
  const signatures = heldTokens.map((token) => token.split('.')[2] ?? '');
  const header = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record(
        {
          alg: near(['none', 'None', 'HS256', 'RS256', 'ES256', 'PS256', 'RS512', '']),
          typ: near(['at+jwt', 'application/at+jwt', 'JWT', 'AT+JWT']),
          kid: near([...kids, '../../../../dev/null', "' OR '1'='1", '', 'x'.repeat(300)]),
          jku: fc.constant('https://evil.example/jwks.json'),
          x5u: fc.constant('https://evil.example/cert.pem'),
          crit: fc.constant(['b64']),
        },
        { requiredKeys: ['alg'] },
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
  const now = Math.floor(Date.now() / 1000);
  const payload = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record(
        {
          iss: near([issuer, `${issuer}/`, 'https://evil.example']),
          aud: fc.oneof(near([audience, 'https://evil.example']), fc.constant([audience, 'other'])),
          sub: near(['alice', 'bob', 'reporting-service', 'admin']),
          client_id: near(['client-web', 'reporting-service']),
          scope: near(['notes:read notes:write notes:stats openid profile', 'notes:stats', '*']),
          exp: fc.integer({ min: now - 3600, max: now + 10 ** 9 }),
          iat: fc.integer({ min: now - 3600, max: now + 3600 }),
          nbf: fc.integer({ min: now - 3600, max: now + 3600 }),
          jti: base64url(0, 40),
        },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
  const signature = fc.oneof(
    fc.constant(''),
    base64url(1, 400),
    ...(signatures.length > 0 ? [fc.constantFrom(...signatures)] : []),
  );
  return fc
    .tuple(header, payload, signature)
    .map(([h, p, s]) => `${base64urlJson(h)}.${base64urlJson(p)}.${s}`);
}

/** Real tokens, each changed in one place that its signature covers (or in its structure). */
export function tamperedTokens(heldTokens: readonly string[]): string[] {
  return heldTokens.flatMap((token) => {
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const widened = base64urlJson({
      ...claims,
      scope: 'notes:read notes:write notes:stats openid',
    });
    const other = base64urlJson({ ...claims, sub: 'someone-else' });
    const none = base64urlJson({ alg: 'none', typ: 'at+jwt' });
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    return [
      `${header}.${payload}.`,
      `${header}.${payload}`,
      `${header}.${payload}.${flipped}`,
      `${header}.${widened}.${signature}`,
      `${header}.${other}.${signature}`,
      `${none}.${payload}.`,
      `${none}.${payload}.${signature}`,
      `${token}.${signature}`,
      `${token}=`,
      token.slice(0, -1),
      ` ${token}`,
      token.toUpperCase(),
    ];
  });
}
