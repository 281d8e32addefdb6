import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
} from '@nestjs/common';
import { checkBearerRequest, type HttpRequest } from '@oauth-flow-lab/resource-guards';
import { JwtReport } from '@oauth-flow-lab/token-reports';

/**
 * Who may ask for a report (docs/security-cases.md, case 53): the demo's reports are no oracle.
 * The caller authenticates with an access token, and the report is about that token and no other:
 *
 * 1. the token comes as `Authorization: Bearer` and nowhere else (checkBearerRequest, RFC 6750
 *    §2.1): none gets 401 with the bare challenge, one in the query or the body 401
 *    invalid_request;
 * 2. it passes every check of step 6 but the scope, which is what the report is asked about, made
 *    here with auth-server's public keys (JwtReport) whichever mode the API runs in: otherwise 401
 *    invalid_token naming the first check that failed, the answer GET /notes gives in jwt mode (or
 *    503 when the keys cannot be fetched).
 *
 * Both happen before the body is read and before auth-server is asked anything: resource-api never
 * spends its client credentials at /introspect for a caller who did not authenticate. A token that
 * passes is one auth-server issued for this API, unexpired, and the caller holds it: a report on
 * it tells its holder nothing the API would not, however many it asks for. A revoked token still
 * passes (only auth-server knows of a revocation): that is what the comparison shows.
 *
 * The errors are the guards' own (ResourceAccessError), rendered with their challenge by
 * ResourceAccessErrorFilter. No step 6 event is raised: a report is a look at step 6, not a step.
 */
@Injectable()
export class ReportCallerGuard implements CanActivate {
  constructor(private readonly jwt: JwtReport) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const token = checkBearerRequest(request);
    const run = await this.jwt.report(token, []);
    if (run.failure !== undefined) {
      throw run.failure.answer;
    }
    callerTokens.set(request, token);
    return true;
  }
}

/** The token each request authenticated with, kept beside the request (not on it). */
const callerTokens = new WeakMap<object, string>();

/**
 * `@CallerToken() token: string`: the token the caller authenticated with, which the report is
 * about, on a route guarded by ReportCallerGuard.
 */
export const CallerToken = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const token = callerTokens.get(context.switchToHttp().getRequest<object>());
  if (token === undefined) {
    throw new Error('No report caller on this request: guard the route with ReportCallerGuard');
  }
  return token;
});
