import { Injectable, Logger } from '@nestjs/common';
import type { TokenResponse } from '@oauth-flow-lab/contracts';
import type { Request } from 'express';
import type { RefreshResult } from './tokens/refresh-access-token';
import type { RevocationResult } from './tokens/revoke-token';

/**
 * What client-web's protocol path raises as it takes its steps, for whoever listens. oidc-provider's
 * `provider.emit('grant.success', ctx)` is the model: the protocol does its work and tells. The
 * teaching listens: the step lines in the logs and the flow view (flow/flow-listener.ts) and
 * resource-api's step 6 report after each API call (flow/token-checks.client.ts), all registered in
 * demo mode only (DEMO_MODE). The protocol never knows who listens; with DEMO_MODE off nobody does.
 *
 * An event holds what the step sent and received, never more: the listeners decide what to show
 * (they shorten every secret, flow/entries/shown-values.ts).
 */

/** Step 1, what /connect sent: RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core §3.1.2.1. */
export interface AuthorizationRequestSent {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  codeChallenge: string;
  nonce: string;
}

/** Why client-web refused an authorization response: its error code, page status and reason. */
export interface RefusedResponse {
  code: string;
  status: number;
  description: string;
}

/** How a back-channel POST to auth-server ended. */
export type TokenEndpointAnswer =
  | { kind: 'answered'; status: number; error?: string; description?: string }
  | { kind: 'unreachable'; reason: string };

/** How client-web judged a token response it received (RFC 6749 §5.1, OIDC Core §3.1.3.7). */
export type TokenResponseVerdict =
  /** `not checked`: a refresh; the login's verified id_token stays the one that names the user. */
  | { kind: 'accepted'; idToken: 'verified' | 'none' | 'not checked' }
  | { kind: 'refused'; code: string; description: string };

/** How resource-api answered a step 5 call. */
export type ResourceApiAnswer =
  /** `served`: what came back, in a few words (`3 notes`, `note created`). */
  | { kind: 'answered'; status: number; challenge: string; served?: string }
  | { kind: 'unreachable'; reason: string };

/** Why the access token was refreshed before (or after) a call. */
export type RefreshReason = 'expired' | 'expiring' | 'rejected';

interface OnRequest {
  /** The browser's request the step was taken for (its session holds the flow view's record). */
  request: Request;
}

export type ClientFlowEvent = OnRequest &
  (
    | { type: 'authorization-requested'; sent: AuthorizationRequestSent }
    | {
        type: 'authorization-response-checked';
        /** The `state` of the authorization request this response answers, while one was pending. */
        pendingState: string | undefined;
        callbackUrl: string;
        /** The response's parameters (a repeated one by its first value: already refused). */
        query: Readonly<Record<string, string | undefined>>;
        /** Set when a check failed or auth-server answered with an error (RFC 6749 §4.1.2.1). */
        refused: RefusedResponse | null;
      }
    | {
        type: 'code-exchanged';
        tokenEndpoint: string;
        clientId: string;
        code: string;
        redirectUri: string;
        answer: TokenEndpointAnswer;
      }
    | {
        type: 'token-response-checked';
        tokenEndpoint: string;
        tokens: TokenResponse;
        verdict: TokenResponseVerdict;
      }
    | {
        type: 'access-token-refreshed';
        tokenEndpoint: string;
        reason: RefreshReason;
        /** Shared by the parallel page loads of a session that waited for the same refresh. */
        result: RefreshResult;
      }
    | {
        type: 'token-revoked';
        revocationEndpoint: string;
        tokenTypeHint: 'refresh_token' | 'access_token';
        revocation: RevocationResult;
      }
    | {
        type: 'resource-api-called';
        method: 'GET' | 'POST';
        url: string;
        accessToken: string;
        requiredScope: string;
        answer: ResourceApiAnswer;
      }
  );

type Listener = (event: ClientFlowEvent) => void | Promise<void>;

/**
 * A small typed bus, one per app: the protocol emits, listeners subscribe at start-up. Listeners
 * are called in order, synchronously; emit's promise settles when the asynchronous ones are done
 * (the step 6 report), so what they write to the session is saved with it. A listener's failure is
 * logged and never reaches the protocol.
 */
@Injectable()
export class ClientFlowEvents {
  private readonly logger = new Logger(ClientFlowEvents.name);
  private readonly listeners: Listener[] = [];

  on(listener: Listener): void {
    this.listeners.push(listener);
  }

  async emit(event: ClientFlowEvent): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const listener of this.listeners) {
      try {
        const done = listener(event);
        if (done instanceof Promise) {
          pending.push(done.catch((error: unknown) => this.listenerFailed(event, error)));
        }
      } catch (error: unknown) {
        this.listenerFailed(event, error);
      }
    }
    await Promise.all(pending);
  }

  private listenerFailed(event: ClientFlowEvent, error: unknown): void {
    const reason = error instanceof Error ? error.message : 'failed';
    this.logger.warn(`a listener of ${event.type} failed: ${reason}`);
  }
}
