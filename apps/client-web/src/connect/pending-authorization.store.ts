import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { StateStore } from 'passport-oauth2';
import { sameState } from '../callback/checks/check-state';

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
 * passport-oauth2 picks the PKCE calling convention from the functions' arity: `store` must take
 * (req, verifier, state, meta, callback) and `verify` (req, state, callback).
 */
export class PendingAuthorizationStore {
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
