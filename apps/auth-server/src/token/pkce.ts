import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * RFC 7636 §4.6: with S256 the server checks BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge.
 * Compared in constant time.
 */
export function verifyPkceS256(codeVerifier: string, codeChallenge: string): boolean {
  const computed = Buffer.from(
    createHash('sha256').update(codeVerifier, 'ascii').digest('base64url'),
  );
  const expected = Buffer.from(codeChallenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
