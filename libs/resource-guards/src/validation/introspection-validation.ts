import { Injectable } from '@nestjs/common';
import { IntrospectionChecks } from '../introspection/introspection-checks';
import type { TokenFacts } from '../step-six.events';
import { madeBy, type TokenCheckRun } from '../token/token-check';
import { TokenRefused } from '../token/token-refused';
import type { AcceptedToken, TokenValidation } from './token-validation';

/**
 * Step 6 in `introspection` mode: the checks of introspection-checks.ts, in one go (no passport
 * strategy is involved: the token is never decoded here, auth-server is asked about it). The
 * first failure is the refusal.
 */
@Injectable()
export class IntrospectionValidation implements TokenValidation {
  readonly mode = 'introspection';

  constructor(private readonly checks: IntrospectionChecks) {}

  async validate(token: string, requiredScopes: readonly string[]): Promise<AcceptedToken> {
    const run = await this.checks.run(token, requiredScopes);
    const facts = factsOf(run);
    const failed = run.checks.find((check) => check.outcome === 'fail');
    if (run.failure !== undefined && failed !== undefined) {
      throw new TokenRefused(failed.name, run.failure, facts);
    }
    return { principal: madeBy(run.subject.principal, 'claims'), facts };
  }
}

/** What auth-server vouched for: the token is never decoded here, an inactive one tells nothing. */
function factsOf(run: TokenCheckRun): TokenFacts {
  const answer = run.subject.introspection;
  if (answer === undefined) {
    return {};
  }
  const { response, source } = answer;
  return response.active
    ? {
        jti: response.jti,
        exp: response.exp,
        clientId: run.subject.principal?.clientId,
        introspection: source,
      }
    : { introspection: source };
}
