import type { ClientEntity } from '../../clients/client.entity';
import type { RequestParameters } from '../../common/request-parameters';
import { BrowserError } from '../../errors/oauth-errors';
import { readUntrusted } from './check-client';

/**
 * redirect_uri must be sent and must equal one of the client's registered URIs exactly, by simple
 * string comparison (RFC 9700 §4.1.3, OAuth 2.1 §2.3.1): no trailing slash, case, port, path, query
 * or encoding variations. An unregistered URI gets an HTML page and no redirect (RFC 6749 §4.1.2.1),
 * or the server would be an open redirector.
 */
export function checkRedirectUri(params: RequestParameters, client: ClientEntity): string {
  const redirectUri = readUntrusted(params, 'redirect_uri');
  if (!client.redirectUris.includes(redirectUri)) {
    throw new BrowserError(
      400,
      'Invalid redirect URI',
      `redirect_uri is not registered for client "${client.clientId}".`,
    );
  }
  return redirectUri;
}
