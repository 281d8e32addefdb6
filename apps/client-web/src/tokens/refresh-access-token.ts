import {
  OAuthErrorResponseSchema,
  type TokenResponse,
  TokenResponseSchema,
} from '@oauth-flow-lab/contracts';
import type { ClientWebConfig } from '../config/client-web.config';
import {
  connectionFromTokenResponse,
  nowInSeconds,
} from '../session/connection-from-token-response';
import type { Connection } from '../session/session-data';
import { postToAuthServer } from './auth-server-back-channel';

/** How a refresh went. */
export type RefreshResult =
  /**
   * A new access token (and, since auth-server rotates, a new refresh token): store the pair.
   * `tokens` is the response as received, for the flow view (decoded there, never stored whole).
   */
  | { kind: 'refreshed'; connection: Connection; tokens: TokenResponse }
  /**
   * RFC 6749 §5.2: auth-server refused the refresh token (invalid_grant: expired, revoked, or its
   * whole family revoked after a reuse). It will never work again: the connection is over.
   */
  | { kind: 'refused'; status: number; error: string; description?: string }
  /** No usable answer (unreachable, 5xx, not a token response): the refresh token may still be good. */
  | { kind: 'unavailable'; reason: string };

/**
 * Steps 3-4 again, without the user: RFC 6749 §6, refreshing an access token. The client sends
 * `grant_type=refresh_token` and its refresh token to the token endpoint, authenticated like the
 * code exchange (client_secret_basic), and receives a fresh access token. No `scope` is sent, so
 * the new token carries the same scope as before (§6: "treated as equal to the scope originally
 * granted"). Never throws.
 */
export async function refreshAccessToken(
  config: ClientWebConfig,
  refreshToken: string,
): Promise<RefreshResult> {
  const answer = await postToAuthServer(config.authServer.tokenEndpoint, config, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
  if (answer.kind === 'unreachable') {
    return { kind: 'unavailable', reason: answer.reason };
  }
  if (answer.status === 200) {
    const tokens = TokenResponseSchema.safeParse(answer.body);
    return tokens.success
      ? {
          kind: 'refreshed',
          connection: connectionFromTokenResponse(tokens.data, nowInSeconds(), refreshToken),
          tokens: tokens.data,
        }
      : { kind: 'unavailable', reason: 'auth-server did not answer with a valid token response' };
  }
  // §5.2: errors come as 400 (401 for invalid_client) with a JSON `error`.
  const error = OAuthErrorResponseSchema.safeParse(answer.body);
  if ((answer.status === 400 || answer.status === 401) && error.success) {
    return {
      kind: 'refused',
      status: answer.status,
      error: error.data.error,
      description: error.data.error_description,
    };
  }
  return { kind: 'unavailable', reason: `auth-server answered HTTP ${answer.status}` };
}
