import type { TokenResponse } from '@oauth-flow-lab/contracts';
import type { Connection } from './session-data';

/**
 * What the session keeps of a token response (RFC 6749 §5.1), at step 4 and after each refresh.
 * The expiry comes from `expires_in`, counted from when the response arrived: the access token
 * itself is opaque to the client (RFC 9068 §6), so its `exp` claim is not read.
 *
 * RFC 6749 §6: the server MAY issue a new refresh token; when it does, the client must discard the
 * old one (auth-server rotates, and the old one is now dead). When it does not, the old one stays.
 */
export function connectionFromTokenResponse(
  tokens: TokenResponse,
  receivedAt: number,
  previousRefreshToken?: string,
): Connection {
  return {
    accessToken: tokens.access_token,
    scope: tokens.scope,
    expiresAt: receivedAt + tokens.expires_in,
    refreshToken: tokens.refresh_token ?? previousRefreshToken,
  };
}

/** Epoch seconds, the unit of `expiresAt`. */
export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
