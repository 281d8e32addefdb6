import { InvalidToken, ResourceAccessError } from '../errors/resource-access.errors';

/**
 * Turns whatever made passport-jwt fail into the answer the client gets. Our own checks already
 * throw a ResourceAccessError; the rest are jsonwebtoken's verification errors, told apart by name
 * and message (never echoed: they may quote the token's claims).
 */
export function explainVerifyFailure(failure: unknown): ResourceAccessError {
  if (failure instanceof ResourceAccessError) {
    return failure;
  }
  const { name, message } = failure instanceof Error ? failure : { name: '', message: '' };
  if (name === 'TokenExpiredError') {
    return new InvalidToken('The access token expired');
  }
  if (name === 'NotBeforeError') {
    return new InvalidToken('The access token is not valid yet (nbf)');
  }
  if (message.startsWith('jwt issuer invalid')) {
    return new InvalidToken('The access token was not issued by the expected issuer (iss)');
  }
  if (message.startsWith('jwt audience invalid')) {
    return new InvalidToken('The access token is not meant for this resource server (aud)');
  }
  if (message === 'invalid signature') {
    return new InvalidToken("The access token's signature does not verify");
  }
  return new InvalidToken('The access token could not be verified');
}
