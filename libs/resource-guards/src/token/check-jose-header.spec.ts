import { InvalidToken } from '../errors/resource-access.errors';
import { checkJoseHeader } from './check-jose-header';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (header: unknown) => `${part(header)}.${part({ sub: 'x' })}.c2ln`;

describe(checkJoseHeader.name, () => {
  it('returns alg, typ and kid of an access token header', () => {
    expect(checkJoseHeader(token({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' }))).toEqual({
      alg: 'RS256',
      typ: 'at+jwt',
      kid: 'k1',
    });
  });

  it.each(['application/at+jwt', 'AT+JWT'])('accepts typ %s (RFC 9068 §4)', (typ) => {
    expect(checkJoseHeader(token({ alg: 'RS256', typ, kid: 'k1' })).typ).toBe(typ);
  });

  it.each([
    ['not a string', 42],
    ['not three parts', 'a.b'],
    ['a header that is not base64url JSON', '%%%.e30.c2ln'],
    ['a header that is JSON but not an object', `${part([1])}.e30.c2ln`],
  ])('refuses %s', (_what, value) => {
    expect(() => checkJoseHeader(value)).toThrow(InvalidToken);
  });

  it.each(['none', 'HS256', 'RS512', 'ES256', undefined])('refuses alg %s', (alg) => {
    expect(() => checkJoseHeader(token({ alg, typ: 'at+jwt', kid: 'k1' }))).toThrow(
      /alg is not accepted/,
    );
  });

  it.each(['JWT', 'id_token', '', undefined])('refuses typ %s (case 30)', (typ) => {
    expect(() => checkJoseHeader(token({ alg: 'RS256', typ, kid: 'k1' }))).toThrow(
      /not an access token/,
    );
  });

  it.each(['', 7, undefined])('refuses kid %s', (kid) => {
    expect(() => checkJoseHeader(token({ alg: 'RS256', typ: 'at+jwt', kid }))).toThrow(/no kid/);
  });

  it('refuses a crit header (RFC 7515 §4.1.11)', () => {
    expect(() =>
      checkJoseHeader(token({ alg: 'RS256', typ: 'at+jwt', kid: 'k1', crit: ['exp'], exp: 1 })),
    ).toThrow(/crit/);
  });

  it('returns no jku, x5u or jwk: they are never used', () => {
    const sut = checkJoseHeader(
      token({ alg: 'RS256', typ: 'at+jwt', kid: 'k1', jku: 'http://evil', jwk: { kty: 'RSA' } }),
    );
    expect(Object.keys(sut).sort()).toEqual(['alg', 'kid', 'typ']);
  });
});
