/**
 * What each header parameter and claim of the two tokens means, in a sentence, for the flow view.
 * Access token: RFC 9068 §2.2 (JWT profile) over RFC 7519 §4.1; id_token: OIDC Core §2.
 */
export const HEADER_MEANINGS: Readonly<Record<string, string>> = {
  alg: 'the signature algorithm (RFC 7515 §4.1.1); resource-api and client-web accept RS256 only',
  typ: 'the token type (RFC 9068 §2.1): at+jwt for an access token, JWT for an id_token',
  kid: "which of auth-server's published keys (JWKS) signed it (RFC 7515 §4.1.4)",
};

export const CLAIM_MEANINGS: Readonly<Record<string, string>> = {
  iss: 'issuer: the authorization server that made the token; must equal its issuer URL exactly',
  sub: 'subject: the user the token is about (a stable id, not a name)',
  aud: 'audience: who the token is for (resource-api for the access token, client-web for the id_token)',
  exp: 'expiry: not accepted at or after this time (seconds since 1970)',
  iat: 'issued at: when auth-server made the token',
  nbf: 'not before: not accepted before this time',
  jti: 'the unique id of this token, which the logs of all four services name it by',
  client_id: 'the client the token was issued to (Notes Reader, client-web)',
  scope: 'what the client may do with it, as granted at consent (RFC 6749 §3.3)',
  grant_id:
    "auth-server's own claim: the grant the token belongs to; revoking the grant (Disconnect, a replayed code) revokes every token that names it",
  nonce:
    "the value client-web sent in step 1, echoed back: binds the id_token to this browser's login",
  auth_time: 'when the user last actually logged in at login-ui',
  at_hash:
    'half a SHA-256 of the access token: ties the id_token to the access token received with it',
  azp: 'authorized party: the client the id_token was issued to, when it has several audiences',
  sid: 'the login session at auth-server',
  acr: 'how strong the authentication was',
  amr: 'how the user authenticated (e.g. pwd)',
  name: "the user's full name (profile scope)",
  preferred_username: 'the name the user logs in with (profile scope)',
  email: "the user's e-mail address (email scope)",
};

/** Claims whose value is a time in seconds since 1970 (RFC 7519 §2 NumericDate). */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(['exp', 'iat', 'nbf', 'auth_time']);
