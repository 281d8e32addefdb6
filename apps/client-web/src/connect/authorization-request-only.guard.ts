import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidAuthorizationResponse } from '../errors/client-web-errors';

/**
 * Step 1 only. passport-oauth2 decides from the query whether a request starts a flow or finishes
 * one: given `code` (or `error`) it would exchange the code right here, skipping the checks that
 * guard /callback (iss, RFC 9207). So /connect refuses anything that looks like a response.
 */
@Injectable()
export class AuthorizationRequestOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const query = context.switchToHttp().getRequest<Request>().query;
    if (query.code !== undefined || query.error !== undefined) {
      throw new InvalidAuthorizationResponse(
        '/connect starts an authorization request; authorization responses go to /callback.',
      );
    }
    return true;
  }
}
