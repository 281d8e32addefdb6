import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { StateStore } from 'passport-oauth2';
import { sameState } from '../callback/checks/check-state';

type StoreCallback = (error: Error | null, state?: string) => void;
type VerifyCallback = (
  error: Error | null,
  codeVerifier: string | false,
  info?: { message: string },
) => void;

/**
 * Steps 1 and 3: passport-oauth2's state store, kept in our own session field
 * (`session.pendingAuthorization`) so the callback checks can read it too.
 *
 * Step 1: passport generates the PKCE code_verifier (RFC 7636 §4.1) and sends its S256 challenge;
 * we draw a 256-bit `state` and remember both. Step 3: the state must match, and the pending request
 * is deleted whatever the outcome, so a callback URL can be used at most once.
 *
 * passport-oauth2 picks the PKCE calling convention from the functions' arity: `store` must take
 * (req, verifier, state, meta, callback) and `verify` (req, state, callback).
 */
export class PendingAuthorizationStore {
  store(
    req: Request,
    codeVerifier: string,
    _state: unknown,
    _meta: unknown,
    callback: StoreCallback,
  ): void {
    const state = randomBytes(32).toString('base64url');
    req.session.pendingAuthorization = { state, codeVerifier };
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
    callback(null, pending.codeVerifier);
  }

  /**
   * @types/passport-oauth2 only describes the non-PKCE store signatures; passport itself dispatches
   * on the arity above, so this store is handed over as the declared type.
   */
  asStateStore(): StateStore {
    return this as unknown as StateStore;
  }
}
