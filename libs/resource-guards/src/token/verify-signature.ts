import { ACCESS_TOKEN_ALGORITHMS } from '@oauth-flow-lab/contracts';
import { JsonWebTokenError, verify, type VerifyOptions } from 'jsonwebtoken';
import type { KeyObject } from 'node:crypto';
import { InvalidToken } from '../errors/resource-access.errors';
import { TokenCheckFailure } from './token-check';

/**
 * Step 6: the JWS signature (RFC 7515 §5.2) verifies with the issuer's key named by `kid`. It is
 * jsonwebtoken that verifies it, never our own crypto: on the guard's path through passport-jwt
 * (which calls jsonwebtoken's `verify` with these very options, see AccessTokenStrategy), and for
 * the report here (verifyWithJsonwebtoken). With `alg` RS256 only, jsonwebtoken checks that the
 * key is an RSA public key (never an HMAC secret: RFC 8725 §3.1) and verifies RSASSA-PKCS1-v1_5
 * with SHA-256 over `<header>.<payload>` (RFC 7518 §3.3).
 *
 * Only the signature: `iss`, `aud`, `exp` and `nbf` are checks of their own
 * (check-registered-claims.ts), so that each can be reported. Hence no `issuer` or `audience`
 * here, and expiry and nbf ignored by jsonwebtoken.
 */
export const SIGNATURE_ONLY = {
  algorithms: [...ACCESS_TOKEN_ALGORITHMS],
  ignoreExpiration: true,
  ignoreNotBefore: true,
} satisfies VerifyOptions;

/** What jsonwebtoken said of a token's signature: it verifies, or the error it answered. */
export type SignatureVerdict = { verified: true } | { verified: false; error: unknown };

/** Asks jsonwebtoken, as passport-jwt does, whether `token` verifies with `publicKey`. */
export function verifyWithJsonwebtoken(token: string, publicKey: KeyObject): SignatureVerdict {
  try {
    verify(token, publicKey, SIGNATURE_ONLY);
    return { verified: true };
  } catch (error: unknown) {
    return { verified: false, error };
  }
}

/** The `signature` check: jsonwebtoken's verdict as the report and the log tell it. */
export function checkSignature(verdict: SignatureVerdict, kid: string): string {
  const key = `key ${JSON.stringify(kid)}`;
  if (!verdict.verified) {
    throw new TokenCheckFailure(
      whyNot(verdict.error, key),
      new InvalidToken("The access token's signature does not verify"),
    );
  }
  return `verifies with ${key} (RS256)`;
}

/**
 * jsonwebtoken's reason, in words. Its message is quoted only when it is one of its own errors:
 * with SIGNATURE_ONLY (no issuer, audience, subject or jwtid to compare) none of them quotes the
 * token's claims, and the alg it may name has passed the allow-list already.
 */
function whyNot(error: unknown, key: string): string {
  if (!(error instanceof JsonWebTokenError)) {
    return `cannot be verified with ${key}`;
  }
  if (error.message === 'invalid signature') {
    return `does not verify with ${key}`;
  }
  if (error.message === 'jwt signature is required') {
    return `is missing: nothing to verify with ${key}`;
  }
  return `cannot be verified with ${key} (jsonwebtoken: ${error.message})`;
}
