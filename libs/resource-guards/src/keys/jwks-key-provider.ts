import { Inject, Injectable } from '@nestjs/common';
import { FlowLog, flowHeaders } from '@oauth-flow-lab/flow-log';
import { JwksClient } from 'jwks-rsa';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { InvalidToken, KeySetUnavailable } from '../errors/resource-access.errors';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from '../resource-guards.options';
import type { FoundKey, KeyLookup } from '../token/check-key';
import { FetchBudget } from './fetch-budget';

/** After this long, a request also refreshes the cached key set, in the background. */
const KEY_SET_REFRESH_AFTER_MS = 10 * 60 * 1000;
/** At most this many JWKS fetches a minute, however many unknown kids arrive (case 37). */
const JWKS_REQUESTS_PER_MINUTE = 10;
/** A hanging authorization server must not hold requests for long. */
const JWKS_TIMEOUT_MS = 5000;

/**
 * The public keys of one fetched JWK Set, by kid (a Map: a kid is only ever a lookup key), each
 * parsed once into a KeyObject when the set is fetched: parsing a PEM on every request was a sixth
 * of a verified GET's time (bench/README.md).
 */
type KeySet = ReadonlyMap<string, KeyObject>;

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
 * jwks-rsa only turns JWKs into PEM; its own cache is off because it forgets a key after a fixed
 * age even while auth-server is down. The fetch is ours (jwks-rsa's `fetcher` option): its
 * `requestHeaders` are fixed when the client is made, and each fetch carries the `traceparent` of
 * the request that caused it (flowHeaders), so auth-server logs it under the same flow id. Each
 * fetch is one line of the story: `step 6 · resource-api → auth-server · GET /.well-known/jwks.json
 * → 200 (2 keys)`.
 */
@Injectable()
export class JwksKeyProvider implements KeyLookup {
  private readonly client: JwksClient;
  private readonly jwksPath: string;
  private readonly budget = new FetchBudget(JWKS_REQUESTS_PER_MINUTE);
  private keySet: KeySet | undefined;
  private fetchedAt = 0;
  private inFlight: Promise<KeySet> | undefined;

  constructor(
    @Inject(RESOURCE_GUARDS_OPTIONS) options: ResourceGuardsOptions,
    private readonly flowLog: FlowLog,
  ) {
    this.jwksPath = new URL(options.jwksUri).pathname;
    this.client = new JwksClient({
      jwksUri: options.jwksUri,
      cache: false,
      rateLimit: false,
      fetcher: (uri) => fetchJwks(uri),
    });
  }

  /** The public key named `kid`, or the reason there is none. */
  async publicKeyFor(kid: string): Promise<FoundKey> {
    const known = this.keySet?.get(kid);
    if (this.keySet !== undefined && known !== undefined) {
      if (Date.now() - this.fetchedAt > KEY_SET_REFRESH_AFTER_MS) {
        // Answer now from what we know; a failure keeps the last good set (and is logged).
        this.refetch().catch(() => undefined);
      }
      return { publicKey: known, keySetSize: this.keySet.size };
    }
    const fresh = await this.refetch();
    const key = fresh.get(kid);
    if (key === undefined) {
      throw new InvalidToken("The token's kid names no key of the issuer");
    }
    return { publicKey: key, keySetSize: fresh.size };
  }

  /**
   * How many keys the set in hand has, for resource-api's health check ("JWKS loaded"): the cached
   * set as it is, however old (an outage keeps it, as above), or, when none has been fetched yet
   * (or it has no key), one fetch now, within the same FetchBudget as the guards' fetches: a health
   * check polled every few seconds can never turn into a flood of requests to auth-server. Rejects
   * with KeySetUnavailable when there is no set to use and auth-server does not answer.
   */
  async loadedKeyCount(): Promise<number> {
    if (this.keySet !== undefined && this.keySet.size > 0) {
      return this.keySet.size;
    }
    return (await this.refetch()).size;
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
      this.keySet = new Map(keys.map((key) => [key.kid, createPublicKey(key.getPublicKey())]));
      this.fetchedAt = Date.now();
      this.logFetch(`200 (${countOf(keys.length)})`, true);
      return this.keySet;
    } catch (error: unknown) {
      const kept = this.keySet
        ? `keeps the key set fetched before (${countOf(this.keySet.size)})`
        : 'no key set yet: 503 until it answers';
      this.logFetch(`${failureOf(error)}; ${kept}`, false);
      // The token may well be valid: our outage, not the client's fault (never a 500 either).
      throw new KeySetUnavailable();
    }
  }

  private logFetch(outcome: string, ok: boolean): void {
    this.flowLog.hop({
      step: 6,
      from: 'resource-api',
      to: 'auth-server',
      request: `GET ${this.jwksPath}`,
      outcome,
      ok,
    });
  }
}

/** GET the JWK Set, with the flow's traceparent; anything but a 200 JSON `{keys: [...]}` fails. */
async function fetchJwks(uri: string): Promise<{ keys: unknown[] }> {
  const response = await fetch(uri, {
    headers: { accept: 'application/json', ...flowHeaders() },
    redirect: 'error',
    signal: AbortSignal.timeout(JWKS_TIMEOUT_MS),
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

function countOf(keys: number): string {
  return `${keys} ${keys === 1 ? 'key' : 'keys'}`;
}

/**
 * Why a fetch failed, as a log may say it: a status, a network error code, a timeout. Read by
 * shape, not `instanceof Error`: fetch's errors may come from another realm (a test's VM context).
 */
function failureOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) {
    return 'failed';
  }
  if ('name' in error && error.name === 'TimeoutError') {
    return `no answer within ${JWKS_TIMEOUT_MS / 1000} s`;
  }
  const cause = 'cause' in error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause) {
    return `no answer (${String(cause.code)})`;
  }
  return 'message' in error && typeof error.message === 'string' ? error.message : 'failed';
}
