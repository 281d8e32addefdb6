import type { ClientEntity } from '../../clients/client.entity';
import { UnauthorizedClient } from '../../errors/oauth-errors';

/**
 * The client must be registered for the authorization-code grant to ask for a code
 * (RFC 6749 §4.1.2.1 unauthorized_client); otherwise it could never redeem it anyway.
 */
export function checkClientGrant(client: ClientEntity): void {
  if (!client.grantTypes.includes('authorization_code')) {
    throw new UnauthorizedClient('the client is not allowed to use the authorization code grant');
  }
}
