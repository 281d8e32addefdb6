import type { FoundKey } from '@oauth-flow-lab/jwks';
import { ResourceAccessError } from '../errors/resource-access.errors';
import { TokenCheckFailure } from './token-check';

/** Finds the issuer's key a kid names (JwksKeyProvider). */
export interface KeyLookup {
  /** The key, when the key set in hand has it: no fetch, no promise (the guard's usual case). */
  keyInHand(kid: string): FoundKey | undefined;
  /** The key, fetching the key set again for a kid it lacks; rejects when there is none. */
  publicKeyFor(kid: string): Promise<FoundKey>;
}

export type { FoundKey };

/**
 * Step 6, `kid` (RFC 7517 §4.5): the key the header's kid names, in the issuer's JWK Set, fetched
 * from the configured URL only (JwksKeyProvider). A kid the set lacks, even refetched, is the
 * token's fault (401 invalid_token); no key set to look in is our outage (503).
 */
export async function checkKey(keys: KeyLookup, kid: string): Promise<FoundKey> {
  try {
    return await keys.publicKeyFor(kid);
  } catch (error: unknown) {
    if (!(error instanceof ResourceAccessError)) {
      throw error;
    }
    throw new TokenCheckFailure(
      error.getStatus() === 503
        ? `kid ${JSON.stringify(kid)} cannot be looked up: the issuer's key set cannot be fetched`
        : `kid ${JSON.stringify(kid)} names no key of the issuer's key set, even refetched`,
      error,
    );
  }
}
