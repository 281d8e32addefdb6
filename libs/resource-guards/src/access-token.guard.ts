import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { type HttpRequest, serverResponseOf } from './http/http-request';
import { ResourceAccessError } from './errors/resource-access.errors';
import { rememberPrincipal } from './principal/principal';
import { REQUIRED_SCOPES } from './scopes/require-scopes.decorator';
import { type AccessTokenRefused, StepSixEvents } from './step-six.events';
import { checkBearerRequest } from './token/check-bearer-request';
import { TokenRefused } from './token/token-refused';
import { TOKEN_VALIDATION, type TokenValidation } from './validation/token-validation';

/**
 * Step 6: lets a request through only with a valid access token carrying the scopes the route
 * requires (@RequireScopes), and keeps its Principal for @CurrentPrincipal(). One guard for both
 * ways of validating (validation/token-validation.ts, chosen by TOKEN_VALIDATION), so controllers
 * never change:
 *
 * 1. checkBearerRequest: the token comes in `Authorization: Bearer` only (RFC 6750 §2.1);
 * 2. the validation makes its checks in order, the scope last (validation/jwt-validation.ts:
 *    passport-jwt with the issuer's keys; validation/introspection-validation.ts: auth-server's
 *    answer at /introspect);
 * 3. the first failure is the answer, as RFC 6750 §3 asks (rendered by ResourceAccessErrorFilter
 *    with its WWW-Authenticate challenge, or a 503 with Retry-After when auth-server is needed
 *    and away);
 * 4. the outcome is raised as an event (StepSixEvents) for whoever listens: the step log.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    @Inject(TOKEN_VALIDATION) private readonly validation: TokenValidation,
    private readonly reflector: Reflector,
    private readonly events: StepSixEvents,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const requiredScopes = this.reflector.getAllAndMerge<string[]>(REQUIRED_SCOPES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const { mode } = this.validation;
    try {
      const token = checkBearerRequest(request);
      const { principal, facts } = await this.validation.validate(token, requiredScopes, context);
      rememberPrincipal(request, principal);
      if (this.events.observed) {
        const response = serverResponseOf(
          context.switchToHttp().getResponse<ServerResponse | { raw: ServerResponse }>(),
        );
        this.events.emit({ verdict: 'accepted', request, response, mode, requiredScopes, facts });
      }
      return true;
    } catch (error: unknown) {
      const refusal = refusalOf(error);
      if (refusal === undefined) {
        throw error;
      }
      if (this.events.observed) {
        this.events.emit({ verdict: 'refused', request, mode, requiredScopes, ...refusal });
      }
      throw refusal.answer;
    }
  }
}

/**
 * A refusal as the event tells it: the check that failed first (TokenRefused), or the request
 * itself when the token did not travel as `Authorization: Bearer` (checkBearerRequest). Anything
 * else is a bug, thrown as it is.
 */
function refusalOf(
  error: unknown,
): Pick<AccessTokenRefused, 'check' | 'detail' | 'answer' | 'facts'> | undefined {
  if (error instanceof TokenRefused) {
    const { check, failure, facts } = error;
    return { check, detail: failure.detail, answer: failure.answer, facts };
  }
  if (error instanceof ResourceAccessError) {
    return { check: 'request', detail: error.errorDescription, answer: error, facts: {} };
  }
  return undefined;
}
