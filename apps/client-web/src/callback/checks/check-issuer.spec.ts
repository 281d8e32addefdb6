import { InvalidIssuer } from '../../errors/client-web-errors';
import { checkIssuer } from './check-issuer';

describe(checkIssuer.name, () => {
  const sut = checkIssuer;
  const issuer = 'http://localhost:3000';

  it('accepts the exact issuer', () => {
    expect(() => sut('http://localhost:3000', issuer)).not.toThrow();
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['another server', 'http://evil.example'],
    ['a trailing slash', 'http://localhost:3000/'],
    ['another port', 'http://localhost:3001'],
    ['upper case', 'HTTP://LOCALHOST:3000'],
    ['https instead of http', 'https://localhost:3000'],
    ['a longer host starting with ours', 'http://localhost:30000'],
    ['a path added', 'http://localhost:3000/tenant'],
  ])('refuses %s (RFC 9207 §2.4: simple string comparison)', (_label, iss) => {
    expect(() => sut(iss, issuer)).toThrow(InvalidIssuer);
  });

  it('fails with the invalid_iss code', () => {
    let error: unknown;
    try {
      sut(undefined, issuer);
    } catch (e: unknown) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid_iss', status: 400 });
  });
});
