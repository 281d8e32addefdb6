import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { REQUIRED_SCOPES } from './scopes/require-scopes.decorator';
import { checkBearerRequest } from './token/check-bearer-request';
import { recordTokenChecks } from './token/token-check-trail';
import { TOKEN_VALIDATION, type TokenValidation } from './validation/token-validation';

/**
 * Step 6: lets a request through only with a valid access token carrying the scopes the route
 * requires (@RequireScopes), and keeps its Principal for @CurrentPrincipal(). One guard for both
 * ways of validating (validation/token-validation.ts, chosen by TOKEN_VALIDATION), so controllers
 * never change:
 *
 * 1. checkBearerRequest: the token comes in `Authorization: Bearer` only (RFC 6750 §2.1);
 * 2. the run of the validation's checks starts, with the route's scopes, and is kept beside the
 *    request (token-check-trail.ts) for @CurrentPrincipal() and the log lines;
 * 3. the validation makes the checks: passport-jwt with the issuer's keys (`jwt`,
 *    access-token-checks.ts), or auth-server's answer at /introspect (`introspection`,
 *    introspection/introspection-checks.ts);
 * 4. the first failure is the answer, as RFC 6750 §3 asks (rendered by ResourceAccessErrorFilter
 *    with its WWW-Authenticate challenge, or a 503 with Retry-After when auth-server is needed
 *    and away).
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    @Inject(TOKEN_VALIDATION) private readonly validation: TokenValidation,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const token = checkBearerRequest(request);
    const requiredScopes = this.reflector.getAllAndMerge<string[]>(REQUIRED_SCOPES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const run = this.validation.start(token, requiredScopes);
    recordTokenChecks(request, run);
    await this.validation.complete(run, context);
    if (run.failure !== undefined) {
      throw run.failure.answer;
    }
    return true;
  }
}
