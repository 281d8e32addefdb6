import type { ClientWebConfig } from '../config/client-web.config';
import type { Connection } from '../session/session-data';
import { postToAuthServer } from './auth-server-back-channel';

export type RevocationResult =
  | { kind: 'revoked'; tokenType: 'refresh_token' | 'access_token' }
  /** `status`: auth-server's HTTP status when it answered at all. */
  | { kind: 'not-confirmed'; reason: string; status?: number };

/**
 * Disconnect, RFC 7009 §2.1: the client tells auth-server it no longer needs its tokens. It sends
 * the refresh token (revoking it also revokes the access tokens of the same grant, §2.1) with
 * `token_type_hint=refresh_token`, authenticated with client_secret_basic. A connection without a
 * refresh token revokes its access token instead. §2.2: 200 means revoked, also when auth-server
 * did not know the token any more; anything else (or no answer) leaves the outcome unknown.
 * Never throws.
 */
export function revokeToken(
  config: ClientWebConfig,
  connection: Connection,
): Promise<RevocationResult> {
  return connection.refreshToken === undefined
    ? revoke(config, connection.accessToken, 'access_token')
    : revoke(config, connection.refreshToken, 'refresh_token');
}

/**
 * RFC 7009 §2.1 for the access token alone ("JWT or introspection?"): the grant and its refresh
 * token stay, only this access token ends at auth-server. Never throws.
 */
export function revokeAccessToken(
  config: ClientWebConfig,
  accessToken: string,
): Promise<RevocationResult> {
  return revoke(config, accessToken, 'access_token');
}

async function revoke(
  config: ClientWebConfig,
  token: string,
  tokenType: 'refresh_token' | 'access_token',
): Promise<RevocationResult> {
  const answer = await postToAuthServer(config.authServer.revocationEndpoint, config, {
    token,
    token_type_hint: tokenType,
  });
  if (answer.kind === 'unreachable') {
    return { kind: 'not-confirmed', reason: answer.reason };
  }
  return answer.status === 200
    ? { kind: 'revoked', tokenType }
    : {
        kind: 'not-confirmed',
        reason: `auth-server answered HTTP ${answer.status}`,
        status: answer.status,
      };
}
