import type { IdTokenClaims } from '@oauth-flow-lab/contracts';

/**
 * Everything client-web remembers about a browser, kept server-side in the session store; the
 * browser only holds the signed session id cookie (`client_web.sid`). Tokens never reach the browser.
 */

/** Step 1 → step 3: what the client must remember between sending the browser away and its return. */
export interface PendingAuthorization {
  /** RFC 6749 §10.12: the `state` sent in the authorization request (CSRF protection of the callback). */
  state: string;
  /** RFC 7636 §4.1: the PKCE code_verifier whose S256 hash was sent as code_challenge. */
  codeVerifier: string;
  /**
   * OIDC Core §3.1.2.1, §15.5.2: the random `nonce` sent in the authorization request; the id_token
   * must carry it back, which binds the id_token to this browser's login (no replayed id_token).
   */
  nonce: string;
}

/** OpenID Connect: who logged in, from the id_token verified at step 4 (oidc/id-token-verifier.ts). */
export interface SignedInUser {
  /** The id_token as received, kept to show it decoded. */
  idToken: string;
  claims: IdTokenClaims;
}

/** After step 4: the tokens auth-server issued, used in step 5. */
export interface Connection {
  accessToken: string;
  /** RFC 6749 §5.1: the scope actually granted (may be narrower than asked for). */
  scope: string;
  /** Epoch seconds: received `expires_in` added to the time of the token response. */
  expiresAt: number;
  /**
   * RFC 6749 §1.5, §6: issued when the scope includes offline_access; spent to get a new access
   * token when this one expires, and replaced by the new one auth-server returns (rotation).
   * Revoked at Disconnect (RFC 7009). Never sent to the browser.
   */
  refreshToken?: string;
}

declare module 'express-session' {
  interface SessionData {
    pendingAuthorization: PendingAuthorization;
    connection: Connection;
    signedInUser: SignedInUser;
    /** A one-time message for the next page (after a POST, which answers 303). */
    flash: string;
  }
}
