import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { ACCESS_TOKEN_STRATEGY } from './access-token.strategy';
import type { Principal } from './principal/principal';
import { checkBearerRequest } from './token/check-bearer-request';
import { explainVerifyFailure } from './token/explain-verify-failure';

/**
 * Step 6: lets a request through only with a valid access token, and attaches its Principal.
 * Nest's AuthGuard answers every failure with a bare 401; this one answers as RFC 6750 §3 asks,
 * through the ResourceAccessError types (rendered with their WWW-Authenticate challenge).
 */
@Injectable()
export class AccessTokenGuard extends AuthGuard(ACCESS_TOKEN_STRATEGY) {
  override canActivate(context: ExecutionContext) {
    checkBearerRequest(context.switchToHttp().getRequest<Request>());
    return super.canActivate(context);
  }

  /**
   * passport's verdict: the principal, or why not. `info` holds why a check failed (ours or
   * jsonwebtoken's); `err` what validate() threw: our InvalidToken, or a bug, which stays a 500.
   */
  override handleRequest<TUser = Principal>(
    err: unknown,
    principal: unknown,
    info: unknown,
  ): TUser {
    if (err instanceof Error) {
      throw err;
    }
    if (!principal) {
      throw explainVerifyFailure(info);
    }
    return principal as TUser;
  }
}
