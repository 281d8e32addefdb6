import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwksClient } from 'jwks-rsa';
import { InvalidToken, KeySetUnavailable } from '../errors/resource-access.errors';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from '../resource-guards.options';
import { FetchBudget } from './fetch-budget';

/** After this long, a request also refreshes the cached key set, in the background. */
const KEY_SET_REFRESH_AFTER_MS = 10 * 60 * 1000;
/** At most this many JWKS fetches a minute, however many unknown kids arrive (case 37). */
const JWKS_REQUESTS_PER_MINUTE = 10;
/** A hanging authorization server must not hold requests for long. */
const JWKS_TIMEOUT_MS = 5000;

/** The public keys of one fetched JWK Set, by kid (a Map: a kid is only ever a lookup key). */
type KeySet = ReadonlyMap<string, string>;

/**
 * Step 6: the public key that verifies a token, found by its `kid` in the authorization server's
 * JWK Set (RFC 7517), fetched from the configured URL only (never from a `jku`/`x5u` header, case 29).
 *
 * - A known kid is answered from the last key set fetched successfully. That set is kept for as
 *   long as auth-server is unreachable (case 37): an outage never makes valid tokens fail. Once
 *   the set is older than KEY_SET_REFRESH_AFTER_MS, requests refresh it in the background, so keys
 *   the issuer has dropped are dropped here too once it answers again.
 * - An unknown kid may be a key the issuer has just rotated in (case 38, OIDC Core §10.1.1): it
 *   costs one refetch, shared by every request waiting for it and within a FetchBudget, so a flood
 *   of forged kids cannot turn into a flood of requests to auth-server. A kid the fresh set does
 *   not have either is the token's fault (401); no set at all is our outage (503).
 *
 * jwks-rsa only fetches the set and turns JWKs into PEM; its own cache is off because it forgets a
 * key after a fixed age even while auth-server is down.
 */
@Injectable()
export class JwksKeyProvider {
  private readonly logger = new Logger(JwksKeyProvider.name);
  private readonly client: JwksClient;
  private readonly budget = new FetchBudget(JWKS_REQUESTS_PER_MINUTE);
  private keySet: KeySet | undefined;
  private fetchedAt = 0;
  private inFlight: Promise<KeySet> | undefined;

  constructor(@Inject(RESOURCE_GUARDS_OPTIONS) options: ResourceGuardsOptions) {
    this.client = new JwksClient({
      jwksUri: options.jwksUri,
      cache: false,
      rateLimit: false,
      timeout: JWKS_TIMEOUT_MS,
    });
  }

  /** The PEM public key named `kid`, or the reason there is none. */
  async publicKeyFor(kid: string): Promise<string> {
    const known = this.keySet?.get(kid);
    if (known !== undefined) {
      if (Date.now() - this.fetchedAt > KEY_SET_REFRESH_AFTER_MS) {
        // Answer now from what we know; a failure keeps the last good set (and is logged).
        this.refetch().catch(() => undefined);
      }
      return known;
    }
    const fresh = await this.refetch();
    const key = fresh.get(kid);
    if (key === undefined) {
      throw new InvalidToken("The token's kid names no key of the issuer");
    }
    return key;
  }

  /**
   * The key set after one more fetch, joining a fetch already under way. Throttled, it is the last
   * set fetched (it was fetched moments ago); with none, or when the fetch fails, 503.
   */
  private refetch(): Promise<KeySet> {
    if (this.inFlight) {
      return this.inFlight;
    }
    if (!this.budget.tryTake()) {
      return this.keySet ? Promise.resolve(this.keySet) : Promise.reject(new KeySetUnavailable());
    }
    this.inFlight = this.fetchKeySet().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetchKeySet(): Promise<KeySet> {
    try {
      const keys = await this.client.getSigningKeys();
      this.keySet = new Map(keys.map((key) => [key.kid, key.getPublicKey()]));
      this.fetchedAt = Date.now();
      return this.keySet;
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Cannot fetch the JWKS: ${reason}`);
      // The token may well be valid: our outage, not the client's fault (never a 500 either).
      throw new KeySetUnavailable();
    }
  }
}
