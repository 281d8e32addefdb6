import type { ClientEntity } from '../clients/client.entity';

/** What the rule looks at in a token: to whom it was issued, and (access tokens) for whom. */
export interface IntrospectedToken {
  client_id: string;
  /** Access tokens only (RFC 9068 §2.2); a refresh token has no audience. */
  aud?: string | string[];
}

/**
 * Which client may learn about which token at /introspect. RFC 7662 §2.1 leaves it to the
 * authorization server ("the authorization server MAY ... determine whether or not the protected
 * resource is allowed to introspect the token"), and §2.2 lets it answer `{"active": false}` to a
 * caller it does not want to tell. Two rules here, anything else is inactive:
 *
 * 1. a client may introspect the tokens issued to it (`client_id`), e.g. client-web its own;
 * 2. a resource server may introspect the access tokens meant for it: a client registered with
 *    `introspects_audience` (the seeded resource-api) learns about every access token whose `aud`
 *    names that audience, whichever client it was issued to. That is what a resource server needs
 *    to validate the tokens it receives (resource-api's TOKEN_VALIDATION=introspection), and no
 *    more: not the refresh tokens (they have no audience), not another resource server's tokens.
 */
export function mayIntrospect(
  client: Pick<ClientEntity, 'clientId' | 'introspectsAudience'>,
  token: IntrospectedToken,
): boolean {
  if (token.client_id === client.clientId) {
    return true;
  }
  if (client.introspectsAudience === null || token.aud === undefined) {
    return false;
  }
  const audiences = Array.isArray(token.aud) ? token.aud : [token.aud];
  return audiences.includes(client.introspectsAudience);
}
