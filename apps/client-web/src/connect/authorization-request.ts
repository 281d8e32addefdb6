import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { sameState } from '../callback/checks/check-state';
import type { AuthorizationRequestSent } from '../client-flow.events';
import type { ClientWebConfig } from '../config/client-web.config';
import type { PendingAuthorization } from '../session/session-data';

/**
 * Step 1 of the six, RFC 6749 §4.1.1: the client sends the browser to auth-server's authorization
 * endpoint with
 *
 *   response_type=code            the authorization-code flow
 *   client_id, redirect_uri       who asks, and where the answer must come back (§3.1.2)
 *   scope                         what it asks for (§3.3)
 *   state                         256 random bits bound to this browser's session (§10.12)
 *   code_challenge (S256)         the hash of a code_verifier kept here (RFC 7636 §4.1-§4.3)
 *   nonce                         random, for the id_token to carry back (OIDC Core §3.1.2.1)
 *
 * passport-oauth2 writes the URL and the 302 (connect/passport-oauth2.adapter.ts says how it is
 * told); what the request contains and what the client remembers is decided here.
 */

/** OIDC Core §3.1.2.1, §15.5.2: a fresh nonce per authorization request. */
export function newNonce(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Draws the state and remembers the pending request in the session, to be checked at /callback
 * (step 3). Returns what the request carries.
 */
export function startAuthorizationRequest(
  req: Request,
  config: ClientWebConfig,
  codeVerifier: string,
  nonce: string,
): AuthorizationRequestSent {
  const state = randomBytes(32).toString('base64url');
  req.session.pendingAuthorization = { state, codeVerifier, nonce };
  return {
    authorizationEndpoint: config.authServer.authorizationEndpoint,
    clientId: config.client.id,
    redirectUri: config.redirectUri,
    scope: config.client.scope,
    state,
    // RFC 7636 §4.2: BASE64URL(SHA256(code_verifier)), as passport sends it.
    codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    nonce,
  };
}

/**
 * Step 3 begins: the pending request is taken out of the session whatever comes next, so a callback
 * URL can be used at most once (RFC 6749 §10.12). Returns it when `state` is its state.
 */
export function endAuthorizationRequest(
  req: Request,
  state: string,
): PendingAuthorization | undefined {
  const pending = req.session.pendingAuthorization;
  delete req.session.pendingAuthorization;
  return pending !== undefined && sameState(state, pending.state) ? pending : undefined;
}
