import { InvalidToken } from '../errors/resource-access.errors';
import { checkAudience, checkExpiry, checkIssuer, checkNotBefore } from './check-registered-claims';
import { TokenCheckFailure } from './token-check';

const NOW = 1_700_000_000;

function refusal(check: () => string): string {
  try {
    check();
  } catch (error: unknown) {
    if (error instanceof TokenCheckFailure && error.answer instanceof InvalidToken) {
      return `${error.answer.errorDescription} | ${error.detail}`;
    }
    throw error;
  }
  throw new Error('the check passed');
}

describe('the registered claims (RFC 7519 §4.1), as jsonwebtoken compares them', () => {
  it('iss: exactly the issuer, a trailing slash is another one', () => {
    expect(checkIssuer({ iss: 'http://as' }, 'http://as')).toBe('iss is "http://as"');
    expect(refusal(() => checkIssuer({ iss: 'http://as/' }, 'http://as'))).toBe(
      'The access token was not issued by the expected issuer (iss) | iss "http://as/" is not "http://as"',
    );
    expect(refusal(() => checkIssuer({}, 'http://as'))).toMatch(/iss missing is not/);
  });

  it('aud: a string or an array naming this resource server', () => {
    expect(checkAudience({ aud: 'http://rs' }, 'http://rs')).toBe('aud names "http://rs"');
    expect(checkAudience({ aud: ['x', 'http://rs'] }, 'http://rs')).toBe('aud names "http://rs"');
    expect(refusal(() => checkAudience({ aud: ['x'] }, 'http://rs'))).toBe(
      'The access token is not meant for this resource server (aud) | aud ["x"] does not name "http://rs"',
    );
    expect(refusal(() => checkAudience({}, 'http://rs'))).toMatch(/\(aud\)/);
  });

  it('exp: refused from exp + 60 s on', () => {
    expect(checkExpiry({ exp: NOW + 600 }, NOW)).toBe('expires in 600 s');
    expect(checkExpiry({ exp: NOW - 59 }, NOW)).toBe('expired 59 s ago, within the 60 s leeway');
    expect(refusal(() => checkExpiry({ exp: NOW - 60 }, NOW))).toBe(
      'The access token expired | expired 60 s ago, beyond the 60 s leeway',
    );
    // Absent, exp is the claims check's to refuse (check-claims.ts), as jsonwebtoken leaves it.
    expect(checkExpiry({}, NOW)).toBe(
      'no exp claim: the claims check requires one (RFC 9068 §2.2)',
    );
    expect(refusal(() => checkExpiry({ exp: '1' }, NOW))).toMatch(/exp "1" is not a NumericDate/);
  });

  it('nbf: optional, refused while more than 60 s in the future', () => {
    expect(checkNotBefore({}, NOW)).toBe('no nbf claim: valid from issue');
    expect(checkNotBefore({ nbf: NOW - 5 }, NOW)).toBe('valid since 5 s');
    expect(checkNotBefore({ nbf: NOW + 60 }, NOW)).toBe('valid in 60 s, within the 60 s leeway');
    expect(refusal(() => checkNotBefore({ nbf: NOW + 61 }, NOW))).toBe(
      'The access token is not valid yet (nbf) | not valid for another 61 s, beyond the 60 s leeway',
    );
    expect(refusal(() => checkNotBefore({ nbf: null }, NOW))).toMatch(/nbf null is not/);
  });
});
