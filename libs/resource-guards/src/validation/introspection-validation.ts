import { Injectable } from '@nestjs/common';
import { IntrospectionChecks } from '../introspection/introspection-checks';
import { continueTokenChecks, type TokenCheckRun } from '../token/token-check';
import type { TokenValidation } from './token-validation';

/**
 * Step 6 in `introspection` mode: the checks of introspection-checks.ts, in one go (no passport
 * strategy is involved: the token is never decoded here, auth-server is asked about it).
 */
@Injectable()
export class IntrospectionValidation implements TokenValidation {
  readonly mode = 'introspection';

  constructor(private readonly checks: IntrospectionChecks) {}

  /** INTROSPECTION_CACHE_SECONDS: how long after a revocation the API may still serve the token. */
  get cacheSeconds(): number {
    return this.checks.cacheSeconds;
  }

  start(token: string, requiredScopes: readonly string[]): TokenCheckRun {
    return this.checks.start(token, requiredScopes);
  }

  async complete(run: TokenCheckRun): Promise<void> {
    await continueTokenChecks(run);
  }

  report(token: string, requiredScopes: readonly string[]): Promise<TokenCheckRun> {
    return this.checks.run(token, requiredScopes, { fresh: true });
  }
}
