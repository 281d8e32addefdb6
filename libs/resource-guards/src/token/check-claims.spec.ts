import { InvalidToken } from '../errors/resource-access.errors';
import { principalFromClaims } from './check-claims';

const claims = {
  iss: 'http://localhost:3000',
  sub: '3f8a6c2e-9d41-4b7a-8e15-6c0f2b9d7a14',
  aud: 'http://localhost:3003',
  client_id: 'client-web',
  scope: 'openid notes:read',
  iat: 1_700_000_000,
  exp: 1_700_000_600,
  jti: 'b2f0c7d4',
};

describe(principalFromClaims.name, () => {
  it('makes the principal from the claims', () => {
    expect(principalFromClaims(claims)).toEqual({
      sub: claims.sub,
      clientId: 'client-web',
      scopes: ['openid', 'notes:read'],
      claims,
    });
  });

  it('gives an empty scope list for an empty scope claim', () => {
    expect(principalFromClaims({ ...claims, scope: '' }).scopes).toEqual([]);
  });

  it.each(['iss', 'sub', 'aud', 'client_id', 'scope', 'iat', 'exp', 'jti'])(
    'refuses a token without %s (RFC 9068 §2.2)',
    (claim) => {
      const withoutClaim: Record<string, unknown> = { ...claims };
      delete withoutClaim[claim];
      expect(() => principalFromClaims(withoutClaim)).toThrow(
        new InvalidToken(`The token lacks or has malformed claims: ${claim}`),
      );
    },
  );

  it('refuses mistyped claims', () => {
    expect(() => principalFromClaims({ ...claims, exp: '1700000600' })).toThrow(/claims: exp/);
  });

  it('refuses a scope claim with characters RFC 6749 §3.3 forbids', () => {
    expect(() => principalFromClaims({ ...claims, scope: 'notes:read "x"' })).toThrow(
      /malformed scope/,
    );
  });

  it('refuses a payload that is not an object', () => {
    expect(() => principalFromClaims('a string')).toThrow(InvalidToken);
  });
});
