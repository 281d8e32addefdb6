import { InvalidAuthorizationResponse } from '../../errors/client-web-errors';
import { parseAuthorizationResponse } from './parse-authorization-response';

describe(parseAuthorizationResponse.name, () => {
  const sut = parseAuthorizationResponse;

  it('reads the parameters of an authorization response and ignores others', () => {
    expect(sut({ code: 'c', state: 's', iss: 'i', extra: 'x' })).toEqual({
      code: 'c',
      state: 's',
      iss: 'i',
    });
  });

  it('reads an error response', () => {
    expect(sut({ error: 'access_denied', error_description: 'no', state: 's' })).toEqual({
      error: 'access_denied',
      error_description: 'no',
      state: 's',
    });
  });

  it.each([
    ['state', { state: ['a', 'b'] }],
    ['code', { code: ['a', 'b'] }],
    ['iss', { iss: ['http://localhost:3000', 'http://evil.example'] }],
    ['error', { error: { nested: 'x' } }],
  ])('refuses %s sent more than once (RFC 6749 §3.1)', (_name, query) => {
    expect(() => sut(query)).toThrow(InvalidAuthorizationResponse);
  });
});
