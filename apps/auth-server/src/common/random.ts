import { createHash, randomBytes } from 'node:crypto';

/**
 * Codes, challenges and verifiers are 256-bit random values, base64url-encoded (RFC 6749 §10.10 asks
 * for at least 128 bits). The database keeps only their SHA-256 digest, so a leaked database row
 * cannot be replayed.
 */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Digest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
