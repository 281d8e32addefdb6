import { RequestParameters } from '../../common/request-parameters';
import { InvalidRequest } from '../../errors/oauth-errors';
import { checkPkce } from './check-pkce';

describe(checkPkce.name, () => {
  const sut = checkPkce;
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
  const params = (raw: Record<string, unknown>) =>
    new RequestParameters({ code_challenge: challenge, code_challenge_method: 'S256', ...raw });

  it('returns the S256 code_challenge', () => {
    expect(sut(params({}))).toBe(challenge);
  });

  it.each([
    ['43', 'a'.repeat(43)],
    ['128', 'a'.repeat(128)],
    ['every unreserved character', `AZaz09-._~${'x'.repeat(33)}`],
  ])('accepts a challenge of %s characters', (_label, value) => {
    expect(sut(params({ code_challenge: value }))).toBe(value);
  });

  it('requires code_challenge', () => {
    expect(() => sut(params({ code_challenge: undefined }))).toThrow(
      new InvalidRequest('code_challenge is required (PKCE, RFC 7636)'),
    );
  });

  it.each([
    ['omitted (defaults to plain)', undefined],
    ['plain', 'plain'],
    ['lower-case', 's256'],
    ['unknown', 'S512'],
  ])('refuses code_challenge_method %s', (_label, method) => {
    expect(() => sut(params({ code_challenge_method: method }))).toThrow(
      new InvalidRequest('code_challenge_method must be S256'),
    );
  });

  it.each([
    ['42 characters', 'a'.repeat(42)],
    ['129 characters', 'a'.repeat(129)],
    ['"+"', `${'a'.repeat(42)}+`],
    ['"/"', `${'a'.repeat(42)}/`],
    ['"="', `${'a'.repeat(42)}=`],
    ['a space', `${'a'.repeat(42)} `],
    ['a newline', `${'a'.repeat(42)}\n`],
  ])('refuses a challenge with %s', (_label, value) => {
    expect(() => sut(params({ code_challenge: value }))).toThrow(
      new InvalidRequest('code_challenge must be 43-128 characters of [A-Za-z0-9-._~]'),
    );
  });

  it('refuses a repeated code_challenge', () => {
    expect(() => sut(params({ code_challenge: [challenge, challenge] }))).toThrow(InvalidRequest);
  });
});
