import {
  BEARER_ERROR_CODES,
  type TokenCheckName,
  type TokenValidationComparison,
  type ValidationVerdict,
} from '@oauth-flow-lab/contracts';
import type { TokenCheckRun } from '@oauth-flow-lab/resource-guards/checks';
import type { IntrospectionReport, JwtReport, TokenReport } from './token-report';

/** The two ways of step 6, and the one the API uses. */
export interface TokenValidationWays {
  jwt: JwtReport;
  introspection: IntrospectionReport;
  /** The report of the mode AccessTokenGuard uses (TOKEN_REPORT). */
  inUse: TokenReport;
}

/**
 * The demo's comparison (libs/contracts token-validation.ts): the same token validated both ways,
 * one after the other, each timed, each by the very checks the guard makes in that mode
 * (JwtReport, IntrospectionReport). The introspection side always asks
 * auth-server (never the cache, and keeps nothing), so it says what auth-server says now; the
 * API itself may answer from its cache for up to `introspection_cache_seconds` more.
 *
 * The comparison never contains the token.
 */
export async function compareTokenValidations(
  ways: TokenValidationWays,
  token: string,
  requiredScope: string,
): Promise<TokenValidationComparison> {
  const jwt = await timed(ways.jwt, token, requiredScope);
  const introspection = await timed(ways.introspection, token, requiredScope);
  const answer = introspection.run.subject.introspection?.response;
  return {
    mode: ways.inUse.mode,
    required_scope: requiredScope,
    introspection_cache_seconds: ways.introspection.cacheSeconds,
    jwt: verdictOf(jwt, 'exp'),
    introspection: {
      ...verdictOf(introspection, 'active'),
      ...(answer === undefined ? {} : { active: answer.active }),
    },
  };
}

interface TimedRun {
  run: TokenCheckRun;
  ms: number;
}

async function timed(
  validation: TokenReport,
  token: string,
  requiredScope: string,
): Promise<TimedRun> {
  const started = performance.now();
  const run = await validation.report(token, [requiredScope]);
  return { run, ms: Math.round((performance.now() - started) * 10) / 10 };
}

/**
 * valid exactly when no check failed; otherwise the first failure, the API's answer. When valid,
 * `telling` is the check shown: `exp` for a JWT (it stays valid until then), `active` for
 * introspection (what auth-server said).
 */
function verdictOf({ run, ms }: TimedRun, telling: TokenCheckName): ValidationVerdict {
  const failed = run.checks.find((check) => check.outcome === 'fail');
  if (failed === undefined || run.failure === undefined) {
    const shown = run.checks.find((check) => check.name === telling) ?? run.checks[0];
    return { valid: true, check: shown.name, detail: shown.detail, ms };
  }
  const code = run.failure.answer.error;
  const error =
    code === 'temporarily_unavailable'
      ? code
      : BEARER_ERROR_CODES.find((bearerCode) => bearerCode === code);
  return {
    valid: false,
    ...(error === undefined ? {} : { error }),
    check: failed.name,
    detail: failed.detail,
    ms,
  };
}
