import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { StateStore } from 'passport-oauth2';
import { sameState } from '../callback/checks/check-state';
import type { ClientWebConfig } from '../config/client-web.config';
import { authorizationRequestEntry } from '../flow/entries/front-channel.entries';
import type { FlowRecorder } from '../flow/flow-recorder.service';

type StoreCallback = (error: Error | null, state?: string) => void;
type VerifyCallback = (
  error: Error | null,
  codeVerifier: string | false,
  info?: { message: string } | AuthorizationRequestExtras,
) => void;

/**
 * What AuthServerGuard adds to the authorization request (its `state` option, which passport-oauth2
 * hands to the store as is): the OpenID Connect nonce, already sent as a URL parameter.
 */
export interface AuthorizationRequestExtras {
  nonce: string;
}

export function nonceOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('nonce' in value)) {
    return undefined;
  }
  return typeof value.nonce === 'string' ? value.nonce : undefined;
}

/**
 * Steps 1 and 3: passport-oauth2's state store, kept in our own session field
 * (`session.pendingAuthorization`) so the callback checks can read it too.
 *
 * Step 1: passport generates the PKCE code_verifier (RFC 7636 §4.1) and sends its S256 challenge;
 * we draw a 256-bit `state` and remember both, with the OpenID Connect `nonce` AuthServerGuard drew.
 * Step 3: the state must match, and the pending request is deleted whatever the outcome, so a
 * callback URL can be used at most once; the nonce goes on to the id_token check.
 *
 * The new state also starts a new flow (GET /flow, the logs): its id is derived from the state, the
 * way auth-server derives it on its end of the front channel. passport writes the 302 itself once
 * `store` returns, so step 1 is recorded here, from the values passport puts in the URL.
 *
 * passport-oauth2 picks the PKCE calling convention from the functions' arity: `store` must take
 * (req, verifier, state, meta, callback) and `verify` (req, state, callback).
 */
export class PendingAuthorizationStore {
  constructor(
    private readonly config: ClientWebConfig,
    private readonly recorder: FlowRecorder,
  ) {}

  store(
    req: Request,
    codeVerifier: string,
    request: unknown,
    _meta: unknown,
    callback: StoreCallback,
  ): void {
    const nonce = nonceOf(request);
    if (nonce === undefined) {
      callback(new Error('the authorization request has no nonce'));
      return;
    }
    const state = randomBytes(32).toString('base64url');
    req.session.pendingAuthorization = { state, codeVerifier, nonce };
    this.recorder.startFlow(req, state);
    this.recorder.record(
      req,
      authorizationRequestEntry({
        authorizationEndpoint: this.config.authServer.authorizationEndpoint,
        clientId: this.config.client.id,
        redirectUri: this.config.redirectUri,
        scope: this.config.client.scope,
        state,
        // RFC 7636 §4.2: the S256 challenge passport sends, computed the same way.
        codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
        nonce,
      }),
    );
    callback(null, state);
  }

  verify(req: Request, providedState: string, callback: VerifyCallback): void {
    const pending = req.session.pendingAuthorization;
    delete req.session.pendingAuthorization;
    if (pending === undefined || !sameState(providedState, pending.state)) {
      callback(null, false, {
        message: 'The state does not match a pending authorization request.',
      });
      return;
    }
    // The third argument reaches AuthServerGuard as `info.state`: the nonce the id_token must carry.
    callback(null, pending.codeVerifier, { nonce: pending.nonce });
  }

  /**
   * @types/passport-oauth2 only describes the non-PKCE store signatures; passport itself dispatches
   * on the arity above, so this store is handed over as the declared type.
   */
  asStateStore(): StateStore {
    return this as unknown as StateStore;
  }
}
