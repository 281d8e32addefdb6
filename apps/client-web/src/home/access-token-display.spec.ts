import { decodeAccessTokenForDisplay } from './access-token-display';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe(decodeAccessTokenForDisplay.name, () => {
  const header = { alg: 'RS256', typ: 'at+jwt', kid: 'key-1' };
  const claims = { sub: 'alice', scope: 'notes:read', note: 'ünïcödé >?' };

  it('decodes the header and the claims', () => {
    const sut = decodeAccessTokenForDisplay(`${segment(header)}.${segment(claims)}.c2lnbmF0dXJl`);
    expect(sut).toEqual({ header, claims });
  });

  it('does not look at the signature (display only, nothing is verified)', () => {
    const sut = decodeAccessTokenForDisplay(`${segment(header)}.${segment(claims)}.not-checked`);
    expect(sut?.claims).toEqual(claims);
  });

  it.each([
    ['an opaque token', 'opaque-random-token'],
    ['two segments', `${segment(header)}.${segment(claims)}`],
    ['four segments', `${segment(header)}.${segment(claims)}.s.x`],
    ['a segment that is not base64url', `${segment(header)}.a+b/c=.s`],
    [
      'a segment that is not JSON',
      `${segment(header)}.${Buffer.from('nope').toString('base64url')}.s`,
    ],
    ['a segment that is JSON but not an object', `${segment(header)}.${segment(42)}.s`],
    ['an empty segment', `.${segment(claims)}.s`],
  ])('returns null for %s', (_label, token) => {
    expect(decodeAccessTokenForDisplay(token)).toBeNull();
  });
});
