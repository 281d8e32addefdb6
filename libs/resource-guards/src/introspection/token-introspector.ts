import { Inject, Injectable } from '@nestjs/common';
import type { IntrospectionResponse } from '@oauth-flow-lab/contracts';
import { FlowLog, shorten } from '@oauth-flow-lab/flow-log';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from '../resource-guards.options';
import { IntrospectionCache } from './introspection-cache';
import { NoIntrospectionAnswer, postIntrospectionRequest } from './introspection-request';

/** What auth-server said of a token, and where the answer came from. */
export interface IntrospectionAnswer {
  response: IntrospectionResponse;
  /** Asked now (`ms`: the round trip), or a positive answer kept `ageMs` ago (the cache). */
  source: { from: 'auth-server'; ms: number } | { from: 'cache'; ageMs: number };
}

export type IntrospectionOutcome =
  | ({ kind: 'answered' } & IntrospectionAnswer)
  /** No usable answer (why, for the report and the log): the API answers 503, never "valid". */
  | { kind: 'unavailable'; reason: string };

/**
 * Step 6 in introspection mode: asks auth-server about a token (introspection-request.ts), unless
 * a positive answer for it is still in the IntrospectionCache, and keeps the positive answers it
 * gets. Each request it makes is one line of the story, at the same step as the JWKS fetch of the
 * JWT mode:
 *
 *   step 6 · resource-api → auth-server · back channel · POST /introspect token_type_hint=access_token
 *     → 200 active (jti=3c9d0a7e…, client_id=client-web, exp in 598 s)
 *   step 6 · resource-api → auth-server · back channel · POST /introspect token_type_hint=access_token
 *     → 200 {"active": false}
 *   step 6 · resource-api → auth-server · back channel · POST /introspect token_type_hint=access_token
 *     → no answer (ECONNREFUSED): 503 until it answers
 *
 * An answer from the cache is no request, and no line.
 */
@Injectable()
export class TokenIntrospector {
  private readonly cache: IntrospectionCache;

  constructor(
    @Inject(RESOURCE_GUARDS_OPTIONS) private readonly options: ResourceGuardsOptions,
    private readonly flowLog: FlowLog,
  ) {
    this.cache = new IntrospectionCache(options.introspection?.cacheSeconds ?? 0);
  }

  /** How long a positive answer is reused (INTROSPECTION_CACHE_SECONDS): the revocation delay. */
  get cacheSeconds(): number {
    return this.options.introspection?.cacheSeconds ?? 0;
  }

  /**
   * auth-server's answer about `token`. `fresh`: ask even if an answer is cached, and keep nothing
   * (the demo's comparison, which must show what auth-server says now and change nothing).
   */
  async introspect(token: string, { fresh = false } = {}): Promise<IntrospectionOutcome> {
    const config = this.options.introspection;
    if (config === undefined) {
      return { kind: 'unavailable', reason: 'no introspection endpoint is configured' };
    }
    const cached = fresh ? undefined : this.cache.get(token);
    if (cached !== undefined) {
      return {
        kind: 'answered',
        response: cached.answer,
        source: { from: 'cache', ageMs: cached.ageMs },
      };
    }
    const request = `POST ${new URL(config.url).pathname} token_type_hint=access_token`;
    const started = performance.now();
    let response: IntrospectionResponse;
    try {
      response = await postIntrospectionRequest(config, token);
    } catch (error: unknown) {
      if (!(error instanceof NoIntrospectionAnswer)) {
        throw error;
      }
      this.log(request, `${error.reason}: 503 until it answers`, false);
      return { kind: 'unavailable', reason: error.reason };
    }
    const ms = Math.round(performance.now() - started);
    this.log(request, answerText(response), true);
    if (response.active && !fresh) {
      this.cache.set(token, response);
    }
    return { kind: 'answered', response, source: { from: 'auth-server', ms } };
  }

  private log(request: string, outcome: string, ok: boolean): void {
    this.flowLog.hop({ step: 6, from: 'resource-api', to: 'auth-server', request, outcome, ok });
  }
}

/** The answer as a log line may tell it: never the token, its `jti` shortened. */
function answerText(response: IntrospectionResponse): string {
  if (!response.active) {
    return '200 {"active": false}';
  }
  const jti = response.jti === undefined ? 'no jti' : `jti=${shorten(response.jti)}`;
  const expiresIn = response.exp - Math.floor(Date.now() / 1000);
  return `200 active (${jti}, client_id=${printable(response.client_id)}, exp in ${expiresIn} s)`;
}

function printable(value: string): string {
  return /^[\x21-\x7E]{1,128}$/.test(value) ? value : '(unprintable)';
}
