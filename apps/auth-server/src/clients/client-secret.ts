import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Client secrets are stored as a keyed SHA-256 digest (HMAC under CLIENT_SECRET_PEPPER), never in
 * clear. A fast keyed hash is the right tool here: the secrets are long random values (not guessable
 * human passwords, for which a slow KDF like scrypt would be right), and the token endpoint checks
 * one on every request. Comparison is constant-time (RFC 6819 §5.1.4.2.2 / RFC 9700 §2.5).
 */
export function clientSecretDigest(secret: string, pepper: string): string {
  return createHmac('sha256', pepper).update(secret, 'utf8').digest('hex');
}

export function verifyClientSecret(secret: string, storedDigest: string, pepper: string): boolean {
  const presented = Buffer.from(clientSecretDigest(secret, pepper), 'hex');
  const stored = Buffer.from(storedDigest, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Compared against when the client does not exist, so unknown and known clients take the same time. */
export const DUMMY_SECRET_DIGEST = '0'.repeat(64);
