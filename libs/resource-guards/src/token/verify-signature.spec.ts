import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { InvalidToken } from '../errors/resource-access.errors';
import { TokenCheckFailure } from './token-check';
import { checkSignature, verifyWithJsonwebtoken } from './verify-signature';

const issuerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attackerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ecKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const input = `${part({ alg: 'RS256', typ: 'at+jwt', kid: 'k-1' })}.${part({ sub: 'alice', exp: 1, nbf: 4_000_000_000 })}`;
const signedBy = (key: typeof issuerKey.privateKey) =>
  `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;

/** The signature check of `token` with `publicKey`: what it found, or why it failed. */
function signatureCheck(token: string, publicKey: KeyObject): string {
  try {
    return checkSignature(verifyWithJsonwebtoken(token, publicKey), 'k-1');
  } catch (error: unknown) {
    if (error instanceof TokenCheckFailure) {
      expect(error.answer).toEqual(
        new InvalidToken("The access token's signature does not verify"),
      );
      return `fail: ${error.detail}`;
    }
    throw error;
  }
}

describe('the signature check (RFC 7515 §5.2), made by jsonwebtoken', () => {
  it('passes a token signed with the key, expired or not valid yet: exp and nbf are checks of their own', () => {
    expect(signatureCheck(signedBy(issuerKey.privateKey), issuerKey.publicKey)).toBe(
      'verifies with key "k-1" (RS256)',
    );
  });

  it('refuses a token signed with another key', () => {
    expect(signatureCheck(signedBy(attackerKey.privateKey), issuerKey.publicKey)).toBe(
      'fail: does not verify with key "k-1"',
    );
  });

  it('refuses a token without a signature', () => {
    expect(signatureCheck(`${input}.`, issuerKey.publicKey)).toBe(
      'fail: is missing: nothing to verify with key "k-1"',
    );
  });

  it('refuses to verify RS256 with a key that is not RSA', () => {
    expect(signatureCheck(signedBy(issuerKey.privateKey), ecKey.publicKey)).toBe(
      'fail: cannot be verified with key "k-1"',
    );
  });
});
