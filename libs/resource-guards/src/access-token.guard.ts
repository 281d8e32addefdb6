import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { ACCESS_TOKEN_STRATEGY } from './access-token.strategy';
import type { Principal } from './principal/principal';
import { REQUIRED_SCOPES } from './scopes/require-scopes.decorator';
import { AccessTokenChecks } from './token/access-token-checks';
import { checkBearerRequest } from './token/check-bearer-request';
import { continueTokenChecks, nextTokenCheck } from './token/token-check';
import { recordTokenChecks } from './token/token-check-trail';

/**
 * Step 6: lets a request through only with a valid access token carrying the scopes the route
 * requires (@RequireScopes), and keeps its Principal for @CurrentPrincipal(). It is
 * @nestjs/passport's AuthGuard for AccessTokenStrategy (passport-jwt):
 *
 * 1. checkBearerRequest: the token comes in `Authorization: Bearer` only (RFC 6750 §2.1);
 * 2. the run of access-token-checks.ts starts, with the route's scopes, and is kept beside the
 *    request (token-check-trail.ts) for the strategy, @CurrentPrincipal() and the log lines;
 * 3. passport-jwt makes the checks in their order (see AccessTokenStrategy);
 * 4. the first failure is the answer, as RFC 6750 §3 asks (rendered by ResourceAccessErrorFilter
 *    with its WWW-Authenticate challenge). Nest's AuthGuard would answer a bare 401.
 */
@Injectable()
export class AccessTokenGuard extends AuthGuard(ACCESS_TOKEN_STRATEGY) {
  constructor(
    private readonly checks: AccessTokenChecks,
    private readonly reflector: Reflector,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const token = checkBearerRequest(request);
    const requiredScopes = this.reflector.getAllAndMerge<string[]>(REQUIRED_SCOPES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const run = this.checks.start(token, requiredScopes);
    recordTokenChecks(request, run);
    try {
      await super.canActivate(context);
      return true;
    } catch (refusal: unknown) {
      // Between the key and validate(), only jsonwebtoken stops passport-jwt: that is its
      // verdict on the signature, the next check of the list, and the rest is skipped.
      if (nextTokenCheck(run)?.phase === 'signature') {
        run.subject.signatureVerdict = { verified: false, error: refusal };
        await continueTokenChecks(run);
      }
      // A refusal the list does not explain is a bug: it stays what it is (a 500).
      throw run.failure?.answer ?? refusal;
    }
  }

  /**
   * passport's verdict, as AuthGuard hands it over: `err` is what validate() threw (the list's
   * first failure, or a bug); without a principal, `info` is why passport-jwt stopped before it
   * (secretOrKeyProvider's answer, or jsonwebtoken's error). Both reach canActivate above.
   */
  override handleRequest<TUser = Principal>(
    err: unknown,
    principal: TUser | false,
    info: unknown,
  ): TUser {
    if ((err === null || err === undefined) && principal) {
      return principal;
    }
    throw err ?? info;
  }
}
