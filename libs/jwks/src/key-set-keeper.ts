import { noAnswerReason } from '@oauth-flow-lab/flow-log';
import { JwksClient } from 'jwks-rsa';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { FetchBudget } from './fetch-budget';

/** A key found by its kid, and the size of the set it was found in. */
export interface FoundKey {
  publicKey: KeyObject;
  keySetSize: number;
}

/** One fetch of the JWK Set, as its owner may log it. */
export type KeySetFetch =
  | { ok: true; keys: number }
  /** `keptKeys`: the size of the set still in use, or undefined when there is none yet. */
  | { ok: false; reason: string; keptKeys: number | undefined };

export interface KeySetKeeperOptions {
  /** The configured JWK Set URL: the only place keys come from (never a token's `jku`/`x5u`). */
  jwksUri: string;
  /** Headers of each fetch, read when it is made (resource-api sends the flow's traceparent). */
  headers?: () => Record<string, string>;
  /** Told of every fetch and how it went. */
  onFetch?: (fetch: KeySetFetch) => void;
  /** After this long, a lookup also refreshes the set, in the background. Default 10 minutes. */
  refreshAfterMs?: number;
  /**
   * At most this many fetches at once, then one every 60 / fetchesPerMinute seconds (a token
   * bucket, FetchBudget), however many unknown kids arrive. Default 10.
   */
  fetchesPerMinute?: number;
  /**
   * After a failed fetch, the next is tried no sooner than this; a failed fetch costs no budget.
   * Default 1 s.
   */
  retryAfterFailureMs?: number;
  /** A hanging issuer must not hold requests for long. Default 5 s. */
  timeoutMs?: number;
}

/** No key set to look in: none was ever fetched, and the issuer does not answer now. */
export class KeySetUnreachable extends Error {
  constructor() {
    super("the issuer's key set cannot be fetched");
    this.name = 'KeySetUnreachable';
  }
}

/**
 * The issuer's public keys (RFC 7517 JWK Set), by kid, for whoever verifies its signatures:
 * resource-api's access tokens (step 6) and client-web's id_tokens (OIDC Core §10.1.1). jwks-rsa
 * fetches the set and turns each JWK into a key; this class adds the one rule it lacks, and is the
 * only cache (jwks-rsa's own is off):
 *
 * - The last set fetched successfully is kept for as long as the issuer is unreachable: an outage
 *   never makes valid tokens fail (jwks-rsa's cache forgets a key after a fixed age, down or not).
 *   Once the set is older than `refreshAfterMs`, lookups refresh it in the background, so keys the
 *   issuer has dropped are dropped here too once it answers again.
 * - An unknown kid may be a key the issuer has just rotated in (OIDC Core §10.1.1): it costs one
 *   refetch, shared by every lookup waiting for it and within a FetchBudget, so a flood of forged
 *   kids cannot turn into a flood of requests to the issuer.
 * - A fetch that fails (the issuer down, starting, or not answering with a key set) is tried again
 *   at most once every `retryAfterFailureMs`, and gives its share of the budget back: health
 *   checks polled while auth-server starts cannot spend the budget, so resource-api is healthy
 *   within a second of auth-server answering, and a flood during an outage still costs at most
 *   one attempt a second.
 *
 * Each key is parsed once per fetch into a KeyObject: parsing a PEM on every request was a sixth of
 * a verified GET's time (bench/README.md).
 */
export class KeySetKeeper {
  private readonly client: JwksClient;
  private readonly budget: FetchBudget;
  private readonly refreshAfterMs: number;
  private readonly retryAfterFailureMs: number;
  /** Date.now() before which no fetch is tried again, after a failed one. */
  private retryAt = 0;
  private keySet: ReadonlyMap<string, KeyObject> | undefined;
  private fetchedAt = 0;
  private inFlight: Promise<ReadonlyMap<string, KeyObject>> | undefined;

  constructor(private readonly options: KeySetKeeperOptions) {
    const timeoutMs = options.timeoutMs ?? 5000;
    this.refreshAfterMs = options.refreshAfterMs ?? 10 * 60 * 1000;
    this.retryAfterFailureMs = options.retryAfterFailureMs ?? 1000;
    this.budget = new FetchBudget(options.fetchesPerMinute ?? 10);
    this.client = new JwksClient({
      jwksUri: options.jwksUri,
      cache: false,
      rateLimit: false,
      // jwks-rsa's `requestHeaders` are fixed when the client is made; ours are read per fetch.
      fetcher: (uri) => fetchJwks(uri, options.headers?.() ?? {}, timeoutMs),
    });
  }

  /**
   * The key `kid` names; undefined when even a fresh set lacks it (the token's fault). Rejects with
   * KeySetUnreachable when there is no set to look in (the issuer's outage, not the token's fault).
   */
  async keyFor(kid: string): Promise<FoundKey | undefined> {
    const inHand = this.keyInHand(kid);
    if (inHand !== undefined) {
      return inHand;
    }
    const fresh = await this.refetch();
    const key = fresh.get(kid);
    return key === undefined ? undefined : { publicKey: key, keySetSize: fresh.size };
  }

  /**
   * The key `kid` names in the set in hand, at once, without a promise; undefined when that set
   * lacks it (keyFor then refetches). A set older than `refreshAfterMs` still answers, and is
   * refreshed in the background.
   */
  keyInHand(kid: string): FoundKey | undefined {
    const known = this.keySet?.get(kid);
    if (this.keySet === undefined || known === undefined) {
      return undefined;
    }
    if (Date.now() - this.fetchedAt > this.refreshAfterMs) {
      // Answer now from what we know; a failure keeps the last good set (and is told).
      this.refetch().catch(() => undefined);
    }
    return { publicKey: known, keySetSize: this.keySet.size };
  }

  /**
   * How many keys the set in hand has, however old; with none (or an empty one), one fetch now,
   * within the same budget: a health check polled every few seconds never floods the issuer.
   */
  async keyCount(): Promise<number> {
    if (this.keySet !== undefined && this.keySet.size > 0) {
      return this.keySet.size;
    }
    return (await this.refetch()).size;
  }

  /**
   * The set after one more fetch, joining a fetch already under way. Over budget, or too soon after
   * a failed fetch, it is the last set fetched; with none, or when the fetch fails,
   * KeySetUnreachable.
   */
  private refetch(): Promise<ReadonlyMap<string, KeyObject>> {
    if (this.inFlight) {
      return this.inFlight;
    }
    const now = Date.now();
    if (now < this.retryAt || !this.budget.tryTake(now)) {
      return this.keySet ? Promise.resolve(this.keySet) : Promise.reject(new KeySetUnreachable());
    }
    this.inFlight = this.fetchKeySet().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetchKeySet(): Promise<ReadonlyMap<string, KeyObject>> {
    try {
      const keys = await this.client.getSigningKeys();
      this.keySet = new Map(keys.map((key) => [key.kid, createPublicKey(key.getPublicKey())]));
      this.fetchedAt = Date.now();
      this.options.onFetch?.({ ok: true, keys: this.keySet.size });
      return this.keySet;
    } catch (error: unknown) {
      const reason = noAnswerReason(error, this.options.timeoutMs ?? 5000) ?? messageOf(error);
      this.budget.giveBack();
      this.retryAt = Date.now() + this.retryAfterFailureMs;
      this.options.onFetch?.({ ok: false, reason, keptKeys: this.keySet?.size });
      throw new KeySetUnreachable();
    }
  }
}

/** GET the JWK Set; anything but a 200 JSON `{keys: [...]}` fails. */
async function fetchJwks(
  uri: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ keys: unknown[] }> {
  const response = await fetch(uri, {
    headers: { accept: 'application/json', ...headers },
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status !== 200) {
    throw new Error(`${response.status}`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (typeof body !== 'object' || body === null || !('keys' in body) || !Array.isArray(body.keys)) {
    throw new Error('200 but not a JWK Set');
  }
  return { keys: body.keys as unknown[] };
}

/** The message of a failed fetch (read by shape: it may come from another realm, a test's VM). */
function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error
    ? String(error.message)
    : 'failed';
}
