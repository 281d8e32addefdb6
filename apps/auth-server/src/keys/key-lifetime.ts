import type { SigningKeyEntity } from './signing-key.entity';

/**
 * When a signing key signs and when it is published (case 38, RFC 7517 §5; the OpenID conformance
 * suite's OIDCCServerRotateKeys checks the same). Pure functions of the key's timestamps, so the
 * rules read in one place.
 */

/**
 * How often a running auth-server re-reads which key is active. `npm run keys:rotate` runs in
 * another process, against the same database: a running server signs with the new key at most this
 * long after the rotation, without a restart.
 */
export const ACTIVE_KEY_RELOAD_SECONDS = 5;

/** resource-guards accepts an `exp` up to 60 s in the past (clock skew between servers). */
const VERIFIER_CLOCK_TOLERANCE_SECONDS = 60;

/**
 * How long a retired key stays published beyond the lifetime of its last token: a running server
 * may keep signing with it until it next re-reads the active key, and verifiers accept a token a
 * little past its `exp`.
 */
export const RETIREMENT_MARGIN_SECONDS =
  ACTIVE_KEY_RELOAD_SECONDS + VERIFIER_CLOCK_TOLERANCE_SECONDS;

type KeyTimes = Pick<SigningKeyEntity, 'activatedAt' | 'retiredAt'>;

/** Whether new tokens are signed with this key at `now`. */
export function isActiveAt(key: KeyTimes, now: number): boolean {
  return (
    key.activatedAt !== null &&
    key.activatedAt <= now &&
    (key.retiredAt === null || key.retiredAt > now)
  );
}

/**
 * The last second the key is in the JWKS, or null while it has no end (not retired yet).
 * `longestTokenLifetimeSeconds` is the longest `exp - iat` any JWT auth-server signed may have:
 * MAX_SIGNED_TOKEN_TTL_SECONDS (config), the bound of both TTLs, not the TTL configured today, since
 * the key may have signed before it was lowered.
 */
export function publishedUntil(key: KeyTimes, longestTokenLifetimeSeconds: number): number | null {
  if (key.retiredAt === null) {
    return null;
  }
  return key.retiredAt + longestTokenLifetimeSeconds + RETIREMENT_MARGIN_SECONDS;
}

/**
 * Whether the key is in the JWKS at `now`. Every key is published from its creation, so it is
 * always in the JWKS no later than the moment it starts signing (publish before sign).
 */
export function isPublishedAt(
  key: KeyTimes,
  now: number,
  longestTokenLifetimeSeconds: number,
): boolean {
  const until = publishedUntil(key, longestTokenLifetimeSeconds);
  return until === null || now <= until;
}
