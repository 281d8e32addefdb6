import { BrowserError, OAuthError } from '../../errors/oauth-errors';
import type { RequestParameters } from '../../common/request-parameters';
import type { ClientEntity } from '../../clients/client.entity';
import { CLIENT_ID_MAX_LENGTH } from './check-lengths';

/**
 * The client must be known (RFC 6749 §4.1.2.1). Until the client and its redirect URI are verified
 * nothing can be sent back to it, so failures here are an HTML page, never a redirect.
 */
export async function checkClient(
  params: RequestParameters,
  findClient: (clientId: string) => Promise<ClientEntity | null>,
): Promise<ClientEntity> {
  const clientId = readUntrusted(params, 'client_id');
  if (clientId.length > CLIENT_ID_MAX_LENGTH) {
    throw new BrowserError(
      400,
      'Unknown application',
      `There is no client with this client_id (longer than ${CLIENT_ID_MAX_LENGTH} characters).`,
    );
  }
  const client = await findClient(clientId);
  if (!client) {
    throw new BrowserError(
      400,
      'Unknown application',
      `There is no client with client_id "${clientId}".`,
    );
  }
  return client;
}

/** Reads a parameter whose failure must not redirect: an OAuthError becomes a 400 page. */
export function readUntrusted(params: RequestParameters, name: string): string {
  try {
    return params.required(name);
  } catch (error) {
    if (error instanceof OAuthError) {
      throw new BrowserError(400, 'Invalid authorization request', error.description);
    }
    throw error;
  }
}
