import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { checkCode } from './checks/check-code';
import { checkErrorResponse } from './checks/check-error-response';
import { checkIssuer } from './checks/check-issuer';
import { checkState } from './checks/check-state';
import { parseAuthorizationResponse } from './checks/parse-authorization-response';

/**
 * Step 3, first half: the checks of the authorization response, in order, BEFORE passport may
 * send anything to the token endpoint. Any failure is an error page and no token request
 * (SECURITY-CASES 36).
 */
@Injectable()
export class AuthorizationResponseGuard implements CanActivate {
  constructor(@Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const response = parseAuthorizationResponse(req.query); // RFC 6749 §3.1: each parameter once
    checkIssuer(response.iss, this.config.authServer.issuer); // RFC 9207 §2.4: from our server
    checkState(response.state, req.session.pendingAuthorization); // RFC 6749 §10.12: for this browser
    if (response.error !== undefined) {
      delete req.session.pendingAuthorization; // the request is over: its state is spent
    }
    checkErrorResponse(response); // RFC 6749 §4.1.2.1: declined or failed
    checkCode(response); // RFC 6749 §4.1.2: a code to exchange
    return true;
  }
}
