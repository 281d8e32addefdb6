import { Inject, Injectable } from '@nestjs/common';
import { FlowLog, flowHeaders } from '@oauth-flow-lab/flow-log';
import {
  type FoundKey,
  type KeySetFetch,
  KeySetKeeper,
  KeySetUnreachable,
} from '@oauth-flow-lab/jwks';
import { InvalidToken, KeySetUnavailable } from '../errors/resource-access.errors';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from '../resource-guards.options';
import type { KeyLookup } from '../token/check-key';

/**
 * Step 6: the public key that verifies a token, found by its `kid` in the authorization server's
 * JWK Set (RFC 7517), fetched from the configured URL only (never from a `jku`/`x5u` header,
 * docs/security-cases.md, case 29), kept by libs/jwks' KeySetKeeper: the last good set through an
 * outage (case 37), one shared refetch within a budget for an unknown kid (cases 37, 38).
 *
 * What this adds is resource-api's: a kid the fresh set lacks is the token's fault (401
 * invalid_token), no set at all is our outage (503); each fetch carries the `traceparent` of the
 * request that caused it, and is one line of the story: `step 6 · resource-api → auth-server ·
 * GET /.well-known/jwks.json → 200 (2 keys)`.
 */
@Injectable()
export class JwksKeyProvider implements KeyLookup {
  private readonly keys: KeySetKeeper;
  private readonly jwksPath: string;

  constructor(
    @Inject(RESOURCE_GUARDS_OPTIONS) options: ResourceGuardsOptions,
    private readonly flowLog: FlowLog,
  ) {
    this.jwksPath = new URL(options.jwksUri).pathname;
    this.keys = new KeySetKeeper({
      jwksUri: options.jwksUri,
      headers: () => flowHeaders(),
      onFetch: (fetch) => this.logFetch(fetch),
    });
  }

  /** The public key named `kid` if the set in hand has it, at once (KeySetKeeper.keyInHand). */
  keyInHand(kid: string): FoundKey | undefined {
    return this.keys.keyInHand(kid);
  }

  /** The public key named `kid`, or the reason there is none. */
  async publicKeyFor(kid: string): Promise<FoundKey> {
    const key = await unavailableAs503(this.keys.keyFor(kid));
    if (key === undefined) {
      throw new InvalidToken("The token's kid names no key of the issuer");
    }
    return key;
  }

  /**
   * How many keys the set in hand has, for resource-api's health check ("JWKS loaded"); rejects
   * with KeySetUnavailable when there is no set to use and auth-server does not answer.
   */
  loadedKeyCount(): Promise<number> {
    return unavailableAs503(this.keys.keyCount());
  }

  private logFetch(fetch: KeySetFetch): void {
    this.flowLog.hop({
      step: 6,
      from: 'resource-api',
      to: 'auth-server',
      request: `GET ${this.jwksPath}`,
      outcome: outcomeOf(fetch),
      ok: fetch.ok,
    });
  }
}

function outcomeOf(fetch: KeySetFetch): string {
  if (fetch.ok) {
    return `200 (${countOf(fetch.keys)})`;
  }
  return fetch.keptKeys === undefined
    ? `${fetch.reason}; no key set yet: 503 until it answers`
    : `${fetch.reason}; keeps the key set fetched before (${countOf(fetch.keptKeys)})`;
}

/** The token may well be valid: no key set is our outage, not the client's fault (never a 500). */
async function unavailableAs503<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error: unknown) {
    throw error instanceof KeySetUnreachable ? new KeySetUnavailable() : error;
  }
}

function countOf(keys: number): string {
  return `${keys} ${keys === 1 ? 'key' : 'keys'}`;
}
