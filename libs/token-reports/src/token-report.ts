import { Injectable } from '@nestjs/common';
import type { TokenValidationMode } from '@oauth-flow-lab/contracts';
import { IntrospectionChecks, type TokenCheckRun } from '@oauth-flow-lab/resource-guards/checks';
import { AccessTokenChecks } from './access-token-checks';

/**
 * The demo's look at step 6 (resource-api's /debug routes, DEMO_MODE only): every check of a
 * mode made on a token, each outcome with what it found, where the guard stops at the first
 * failure. Teaching code: it uses the protocol's check functions and lists; no protocol code uses
 * it (Nx module boundaries: this lib is `type:demo`). The report gives the API's answer alike,
 * which guard-and-report-agree.spec.ts proves over hostile tokens.
 */
export interface TokenReport {
  readonly mode: TokenValidationMode;
  report(token: string, requiredScopes: readonly string[]): Promise<TokenCheckRun>;
}

/** `jwt` mode: the checks of access-token-checks.ts, in the guard's order. */
@Injectable()
export class JwtReport implements TokenReport {
  readonly mode = 'jwt';

  constructor(private readonly checks: AccessTokenChecks) {}

  report(token: string, requiredScopes: readonly string[]): Promise<TokenCheckRun> {
    return this.checks.run(token, requiredScopes);
  }
}

/**
 * `introspection` mode: the guard's own list (introspection-checks.ts), auth-server asked afresh,
 * never the cache, and nothing kept: it says what auth-server says now.
 */
@Injectable()
export class IntrospectionReport implements TokenReport {
  readonly mode = 'introspection';

  constructor(private readonly checks: IntrospectionChecks) {}

  /** INTROSPECTION_CACHE_SECONDS: how long after a revocation the API may still serve the token. */
  get cacheSeconds(): number {
    return this.checks.cacheSeconds;
  }

  report(token: string, requiredScopes: readonly string[]): Promise<TokenCheckRun> {
    return this.checks.run(token, requiredScopes, { fresh: true });
  }
}

/** Injection token of the report of the mode the API uses (TOKEN_VALIDATION). */
export const TOKEN_REPORT = Symbol('TOKEN_REPORT');
