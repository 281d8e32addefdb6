import { Injectable } from '@nestjs/common';
import type { TokenResponse } from '@oauth-flow-lab/contracts';
import type { Request } from 'express';
import { RequestParameters } from '../common/request-parameters';
import { ClientAuthentication } from './client-authentication';
import { AuthorizationCodeGrant } from './grants/authorization-code.grant';
import {
  checkAllowedGrantType,
  checkContentType,
  checkSupportedGrantType,
} from './token-request.checks';

/**
 * POST /token (RFC 6749 §3.2): steps 3 and 4. The checks, in order:
 *   the body is a form; no parameter is repeated
 *   grant_type is present and supported
 *   the client authenticates
 *   the client is registered for that grant type
 *   the grant's own checks (./grants)
 */
@Injectable()
export class TokenEndpoint {
  constructor(
    private readonly clientAuthentication: ClientAuthentication,
    private readonly authorizationCodeGrant: AuthorizationCodeGrant,
  ) {}

  async handle(req: Request): Promise<TokenResponse> {
    checkContentType(req.headers['content-type']);
    const params = new RequestParameters((req.body ?? {}) as Record<string, unknown>);
    params.assertNoRepeats();
    const grantType = checkSupportedGrantType(params);
    const client = await this.clientAuthentication.authenticate(req.headers.authorization, params);
    checkAllowedGrantType(client, grantType);
    switch (grantType) {
      case 'authorization_code':
        return this.authorizationCodeGrant.handle(params, client);
    }
  }
}
