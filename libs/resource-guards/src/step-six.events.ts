import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { TokenCheckName, TokenValidationMode } from '@oauth-flow-lab/contracts';
import type { ResourceAccessError } from './errors/resource-access.errors';
import type { IntrospectionAnswer } from './introspection/token-introspector';

/**
 * What step 6 raises once AccessTokenGuard has decided, for whoever listens. oidc-provider's
 * `provider.emit('grant.success', ctx)` is the model: the protocol does its work and tells; the
 * step-numbered log lines (logging/step-six-log.ts) listen. The guard never knows who listens,
 * and while nobody does it builds no event at all.
 *
 * An event never holds the token, only what the checks read from it.
 */
export interface TokenFacts {
  /** The JOSE header's kid (JWT mode). */
  kid?: unknown;
  /** The token's jti: read from the JWT, or as auth-server answered it (introspection mode). */
  jti?: unknown;
  exp?: unknown;
  nbf?: unknown;
  /** The client the token was issued to, once the claims were read. */
  clientId?: string;
  /** Introspection mode: where auth-server's answer came from (asked now, or the cache). */
  introspection?: IntrospectionAnswer['source'];
}

interface Checked {
  /** The request whose token was checked (for the listener's own bookkeeping; never logged whole). */
  request: object;
  mode: TokenValidationMode;
  requiredScopes: readonly string[];
  facts: TokenFacts;
}

/** Every check passed: the request goes on to its handler (steps 5 and 6 served). */
export interface AccessTokenAccepted extends Checked {
  verdict: 'accepted';
  /**
   * The Node response the answer will go out on: the handler has not run yet, so a listener that
   * wants the status waits for its `finish`.
   */
  response: ServerResponse;
}

/**
 * The first failure, which is the API's answer (RFC 6750 §3). `check` is `request` when the token
 * did not travel as `Authorization: Bearer` (check-bearer-request.ts) and no check was made.
 */
export interface AccessTokenRefused extends Checked {
  verdict: 'refused';
  check: TokenCheckName | 'request';
  detail: string;
  answer: ResourceAccessError;
}

export type AccessTokenChecked = AccessTokenAccepted | AccessTokenRefused;

/** A small typed bus, one per app: the guard emits, listeners subscribe at start-up. */
@Injectable()
export class StepSixEvents {
  private readonly listeners: ((event: AccessTokenChecked) => void)[] = [];

  on(listener: (event: AccessTokenChecked) => void): void {
    this.listeners.push(listener);
  }

  /** Whether anybody listens: with nobody, the guard skips building the event. */
  get observed(): boolean {
    return this.listeners.length > 0;
  }

  emit(event: AccessTokenChecked): void {
    for (const listener of this.listeners) {
      listener(event);
    }
  }
}
