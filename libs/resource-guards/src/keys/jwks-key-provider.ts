import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwksClient, type Options as JwksClientOptions } from 'jwks-rsa';
import { InvalidToken, KeySetUnavailable } from '../errors/resource-access.errors';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from '../resource-guards.options';

/** How long a key found in the JWKS is trusted without fetching the set again. */
const KEY_CACHE_MAX_AGE_MS = 10 * 60 * 1000;
/** At most this many JWKS fetches a minute, however many unknown kids arrive (case 37). */
const JWKS_REQUESTS_PER_MINUTE = 10;
/** A hanging authorization server must not hold requests for long. */
const JWKS_TIMEOUT_MS = 5000;

/**
 * Step 6: the public key that verifies a token, found by its `kid` in the authorization server's
 * JWK Set (RFC 7517), fetched from the configured URL only (never from a `jku`/`x5u` header, case 29).
 *
 * jwks-rsa caches each key found (so tokens keep verifying while auth-server is down, case 37) and
 * rate-limits fetches: an unknown kid costs one fetch (the key may have just been rotated in, RFC
 * 7517 §5 / OIDC key rotation) but a flood of them cannot turn into a flood of requests to the
 * authorization server. The kid is only ever compared with the kids of the fetched set.
 */
@Injectable()
export class JwksKeyProvider {
  private readonly logger = new Logger(JwksKeyProvider.name);
  private readonly client: ObservedJwksClient;

  constructor(@Inject(RESOURCE_GUARDS_OPTIONS) options: ResourceGuardsOptions) {
    this.client = new ObservedJwksClient({
      jwksUri: options.jwksUri,
      cache: true,
      cacheMaxAge: KEY_CACHE_MAX_AGE_MS,
      rateLimit: true,
      jwksRequestsPerMinute: JWKS_REQUESTS_PER_MINUTE,
      timeout: JWKS_TIMEOUT_MS,
    });
  }

  /** The PEM public key named `kid`, or the reason there is none. */
  async publicKeyFor(kid: string): Promise<string> {
    try {
      const key = await this.client.getSigningKey(kid);
      return key.getPublicKey();
    } catch (error: unknown) {
      throw this.explain(error);
    }
  }

  private explain(error: unknown): InvalidToken | KeySetUnavailable {
    const name = error instanceof Error ? error.name : '';
    if (name === 'SigningKeyNotFoundError') {
      return new InvalidToken("The token's kid names no key of the issuer");
    }
    if (name === 'JwksRateLimitError' && this.client.hasFetchedKeySet) {
      // The set was fetched moments ago and had no such kid: fetching it again would only serve a flood.
      return new InvalidToken("The token's kid names no key of the issuer");
    }
    if (name !== 'JwksRateLimitError') {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Cannot fetch the JWKS: ${reason}`);
    }
    // Cold cache and the authorization server unreachable: our outage, not the token's fault.
    return new KeySetUnavailable();
  }
}

/** A JwksClient that remembers whether the key set was ever fetched successfully. */
class ObservedJwksClient extends JwksClient {
  hasFetchedKeySet = false;

  constructor(options: JwksClientOptions) {
    super(options);
  }

  override async getKeys(): Promise<unknown> {
    const keys = await super.getKeys();
    this.hasFetchedKeySet = true;
    return keys;
  }
}
