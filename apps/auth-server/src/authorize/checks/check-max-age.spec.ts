import { MAX_AGE_MAX_SECONDS } from '@oauth-flow-lab/contracts';
import { RequestParameters } from '../../common/request-parameters';
import { InvalidRequest } from '../../errors/oauth-errors';
import { checkMaxAge } from './check-max-age';

describe(checkMaxAge.name, () => {
  const sut = (raw: Record<string, unknown>) => checkMaxAge(new RequestParameters(raw));

  it('is optional (OIDC Core §3.1.2.1): absent or empty gives undefined', () => {
    expect(sut({})).toBeUndefined();
    expect(sut({ max_age: '' })).toBeUndefined();
  });

  it('reads whole seconds, from 0 (always authenticate again) to 10 years', () => {
    expect(sut({ max_age: '0' })).toBe(0);
    expect(sut({ max_age: '3600' })).toBe(3600);
    expect(sut({ max_age: String(MAX_AGE_MAX_SECONDS) })).toBe(MAX_AGE_MAX_SECONDS);
  });

  it.each([
    ['negative', '-1'],
    ['signed', '+1'],
    ['a fraction', '1.5'],
    ['in exponent form', '1e3'],
    ['a word', 'never'],
    ['padded', ' 60'],
    ['over 10 years', String(MAX_AGE_MAX_SECONDS + 1)],
    ['of 11 digits', '99999999999'],
    ['sent twice', ['60', '120']],
  ])('refuses a max_age %s with invalid_request', (_label, maxAge) => {
    expect(() => sut({ max_age: maxAge })).toThrow(InvalidRequest);
  });
});
