import { Injectable } from '@nestjs/common';
import { formatScope, type TokenResponse } from '@oauth-flow-lab/contracts';
import type { ClientEntity } from '../../clients/client.entity';
import type { RequestParameters } from '../../common/request-parameters';
import { AccessTokenIssuer } from '../../tokens/access-token-issuer';
import { requestedScope } from '../requested-scope';

/**
 * grant_type=client_credentials (RFC 6749 §4.4): a confidential client asks for a token on its own
 * behalf, with no user involved. The client has already authenticated and is registered for this
 * grant (token-endpoint.ts); the one check left:
 *   scope, if sent, is within the client's allowed scopes (invalid_scope); omitted, all of them.
 * The token's `sub` is the client itself (RFC 9068 §2.2: "the client application ... in cases of
 * an access token obtained through grants where no resource owner is involved"), it has no
 * `auth_time` (nobody authenticated) and no refresh token comes with it (§4.4.3: "SHOULD NOT").
 */
@Injectable()
export class ClientCredentialsGrant {
  constructor(private readonly accessTokens: AccessTokenIssuer) {}

  async handle(params: RequestParameters, client: ClientEntity): Promise<TokenResponse> {
    const scope = requestedScope(params, client.allowedScopes, "the client's allowed scopes");
    // No grant to revoke it with: only its own jti can be revoked (RFC 7009). Nothing is stored.
    const issued = await this.accessTokens.issue({
      clientId: client.clientId,
      subject: client.clientId,
      scope,
      grantId: null,
    });
    return {
      access_token: issued.token,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      scope: formatScope(scope),
    };
  }
}
