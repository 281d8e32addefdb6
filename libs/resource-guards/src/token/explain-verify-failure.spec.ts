import { InvalidToken, KeySetUnavailable } from '../errors/resource-access.errors';
import { explainVerifyFailure } from './explain-verify-failure';

function jsonwebtokenError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe(explainVerifyFailure.name, () => {
  it('passes our own errors through', () => {
    const unavailable = new KeySetUnavailable();
    expect(explainVerifyFailure(unavailable)).toBe(unavailable);
  });

  it.each([
    [jsonwebtokenError('TokenExpiredError', 'jwt expired'), 'The access token expired'],
    [
      jsonwebtokenError('NotBeforeError', 'jwt not active'),
      'The access token is not valid yet (nbf)',
    ],
    [
      jsonwebtokenError('JsonWebTokenError', 'jwt issuer invalid. expected: http://localhost:3000'),
      'The access token was not issued by the expected issuer (iss)',
    ],
    [
      jsonwebtokenError('JsonWebTokenError', 'jwt audience invalid. expected: x'),
      'The access token is not meant for this resource server (aud)',
    ],
    [
      jsonwebtokenError('JsonWebTokenError', 'invalid signature'),
      "The access token's signature does not verify",
    ],
    [
      jsonwebtokenError('JsonWebTokenError', 'jwt malformed'),
      'The access token could not be verified',
    ],
    [undefined, 'The access token could not be verified'],
  ])('explains %s', (failure, description) => {
    const sut = explainVerifyFailure(failure);
    expect(sut).toBeInstanceOf(InvalidToken);
    expect(sut.errorDescription).toBe(description);
  });
});
