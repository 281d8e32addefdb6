import { Injectable } from '@nestjs/common';
import type { TokenResponse } from '@oauth-flow-lab/contracts';
import { currentFlowId, joinFlow, newFlowId } from '@oauth-flow-lab/flow-log';
import type { HttpRequest } from '../http/http-request';
import type { ClientEntity } from '../clients/client.entity';
import { RequestParameters } from '../common/request-parameters';
import { ClientAuthentication } from './client-authentication';
import { AuthorizationCodeGrant } from './grants/authorization-code.grant';
import { ClientCredentialsGrant } from './grants/client-credentials.grant';
import { RefreshTokenGrant } from './grants/refresh-token.grant';
import {
  checkAllowedGrantType,
  checkContentType,
  checkSupportedGrantType,
  type SupportedGrantType,
} from './token-request.checks';
import { TokenHops } from './token.hops';

/**
 * POST /token (RFC 6749 §3.2): steps 3 and 4 (authorization_code), and later refreshes
 * (refresh_token, §6) and machine clients (client_credentials, §4.4). The checks, in order:
 *   the body is a form; no parameter is repeated or named with brackets (a[b]=c)
 *   grant_type is present and supported
 *   the client authenticates
 *   the client is registered for that grant type
 *   the grant's own checks (./grants)
 * The flow id comes with the request, in `traceparent` (the back channel's header, libs/flow-log).
 * A request without one starts a flow of its own (a machine client's client_credentials grant has
 * no front channel before it), so that its step 3 and step 4 lines still go together.
 */
@Injectable()
export class TokenEndpoint {
  constructor(
    private readonly clientAuthentication: ClientAuthentication,
    private readonly authorizationCodeGrant: AuthorizationCodeGrant,
    private readonly refreshTokenGrant: RefreshTokenGrant,
    private readonly clientCredentialsGrant: ClientCredentialsGrant,
    private readonly hops: TokenHops,
  ) {}

  async handle(req: HttpRequest): Promise<TokenResponse> {
    if (currentFlowId() === undefined) {
      joinFlow(newFlowId());
    }
    checkContentType(req.headers['content-type']);
    const params = new RequestParameters((req.body ?? {}) as Record<string, unknown>);
    params.assertFlat();
    const grantType = checkSupportedGrantType(params);
    const client = await this.clientAuthentication.authenticate(req, params);
    checkAllowedGrantType(client, grantType);
    const response = await this.grant(grantType, params, client);
    this.hops.issued(req, grantType, response);
    return response;
  }

  private grant(
    grantType: SupportedGrantType,
    params: RequestParameters,
    client: ClientEntity,
  ): Promise<TokenResponse> {
    switch (grantType) {
      case 'authorization_code':
        return this.authorizationCodeGrant.handle(params, client);
      case 'refresh_token':
        return this.refreshTokenGrant.handle(params, client);
      case 'client_credentials':
        return this.clientCredentialsGrant.handle(params, client);
    }
  }
}
