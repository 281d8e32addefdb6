import { BEARER_ERROR_CODES, type TokenChecksReport } from '@oauth-flow-lab/contracts';
import type { TokenReport } from './token-report';

/**
 * The demo's validation report (libs/contracts token-checks.ts): every check of step 6 made on
 * `token` for an endpoint requiring `requiredScope`, in the guard's order, in one go, for the
 * mode the API uses (TOKEN_REPORT). In `jwt` mode that is AccessTokenChecks, the guard's check
 * functions one after the other: where the guard lets passport-jwt have jsonwebtoken verify the
 * signature, the report asks jsonwebtoken itself (verify-signature.ts). In `introspection`
 * mode it is the list of introspection-checks.ts, auth-server asked afresh.
 * `verdict` is `valid` exactly when the API would serve the token, and `error` is the RFC 6750
 * §3.1 code it would answer with otherwise: the first failure, where the guard stops. A 503 for
 * want of keys has no such code: the report then has no `error`.
 *
 * The report never contains the token, only what the checks found.
 */
export async function inspectAccessToken(
  validation: TokenReport,
  token: string,
  requiredScope: string,
): Promise<TokenChecksReport> {
  const run = await validation.report(token, [requiredScope]);
  if (run.failure === undefined) {
    return { verdict: 'valid', required_scope: requiredScope, checks: run.checks };
  }
  const code = run.failure.answer.error;
  const error = BEARER_ERROR_CODES.find((bearerCode) => bearerCode === code);
  return {
    verdict: 'invalid',
    ...(error === undefined ? {} : { error }),
    required_scope: requiredScope,
    checks: run.checks,
  };
}
