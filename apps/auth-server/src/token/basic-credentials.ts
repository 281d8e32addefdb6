import { InvalidClient } from '../errors/oauth-errors';
import { hasNul } from '../common/nul';

export interface ClientCredentials {
  clientId: string;
  secret: string;
}

/**
 * Reads `Authorization: Basic …` (RFC 7617) as RFC 6749 §2.3.1 defines it for clients: the id and the
 * secret are each application/x-www-form-urlencoded before being joined by ":" and base64-encoded.
 * No header: null. Another scheme or a malformed value: invalid_client.
 */
export function parseBasicCredentials(authorization: string | undefined): ClientCredentials | null {
  if (authorization === undefined || authorization === '') {
    return null;
  }
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(authorization.trim());
  if (!match) {
    throw new InvalidClient(
      'the Authorization header must use the Basic scheme with base64 credentials',
    );
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) {
    throw new InvalidClient('the Basic credentials must be client_id:client_secret');
  }
  let credentials: ClientCredentials;
  try {
    credentials = {
      clientId: formDecode(decoded.slice(0, colon)),
      secret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    throw new InvalidClient('the Basic credentials are not correctly form-encoded');
  }
  if (hasNul(credentials.clientId) || hasNul(credentials.secret)) {
    throw new InvalidClient('the Basic credentials contain a NUL character');
  }
  return credentials;
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}
