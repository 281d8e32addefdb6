import { RequestParameters } from '../../common/request-parameters';
import { InvalidRequest } from '../../errors/oauth-errors';
import { checkNonce, NONCE_MAX_LENGTH } from './check-nonce';

describe(checkNonce.name, () => {
  const sut = (raw: Record<string, unknown>) => checkNonce(new RequestParameters(raw));

  it('is optional in the code flow (OIDC Core §3.1.2.1): absent or empty gives undefined', () => {
    expect(sut({})).toBeUndefined();
    expect(sut({ nonce: '' })).toBeUndefined();
  });

  it('keeps the value unchanged, up to the limit', () => {
    expect(sut({ nonce: 'n-0S6_WzA2Mj' })).toBe('n-0S6_WzA2Mj');
    expect(sut({ nonce: 'x'.repeat(NONCE_MAX_LENGTH) })).toHaveLength(NONCE_MAX_LENGTH);
  });

  it.each([
    ['too long', 'x'.repeat(NONCE_MAX_LENGTH + 1)],
    ['with a control character', 'a\u0000b'],
    ['sent twice', ['a', 'b']],
  ])('refuses a nonce %s with invalid_request', (_label, nonce) => {
    expect(() => sut({ nonce })).toThrow(InvalidRequest);
  });
});
