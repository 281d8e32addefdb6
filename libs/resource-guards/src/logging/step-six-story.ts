import { type FlowHop, redactUrl, shorten } from '@oauth-flow-lab/flow-log';
import type { Request } from 'express';
import type { ResourceAccessError } from '../errors/resource-access.errors';
import type { TokenCheckRun } from '../token/token-check';

/**
 * Steps 5 and 6 as the resource server tells them, two lines per guarded request:
 *
 *   step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=3c9d0a7e…) → 200 (3 notes)
 *   step 6 · resource-api → client-web · back channel · token checks: signature kid=k-1, iss, aud, exp in 598 s, scope notes:read → passed
 *
 *   step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=3c9d0a7e…) → 401 invalid_token
 *   step 6 · resource-api → client-web · back channel · token checks: format, alg, typ, kid, signature, iss, aud passed; exp failed → 401 invalid_token: expired 90 s ago, beyond the 60 s leeway
 *
 * In introspection mode the checks are those of introspection/introspection-checks.ts:
 *
 *   step 6 · resource-api → client-web · back channel · token checks: active (asked auth-server), token_type, iss, aud, exp in 598 s, scope notes:read → passed
 *   step 6 · resource-api → client-web · back channel · token checks: active failed → 401 invalid_token: auth-server says {"active": false}: …
 *
 * The token itself is never written: only its `jti`, shortened. `client-web` is the client of the
 * six steps; another client (reporting-service, client_credentials) is named by its client_id.
 */
export function servedHops(
  request: Request,
  run: TokenCheckRun | undefined,
  status: number,
  result: string | undefined,
): [FlowHop, FlowHop] {
  const outcome = result === undefined ? `${status}` : `${status} (${result})`;
  return [
    stepFive(request, run, outcome, status < 400),
    {
      step: 6,
      from: 'resource-api',
      to: 'client-web',
      request: `token checks: ${run === undefined ? 'none' : passedChecks(run)}`,
      outcome: 'passed',
      ok: true,
    },
  ];
}

export function refusedHops(
  request: Request,
  run: TokenCheckRun | undefined,
  refusal: ResourceAccessError,
): [FlowHop, FlowHop] {
  const code = refusal.challenge === null ? refusal.error : refusal.challenge.error;
  const answer = code === undefined ? `${refusal.getStatus()}` : `${refusal.getStatus()} ${code}`;
  const failed = run?.checks.find((check) => check.outcome === 'fail');
  const passed = run?.checks.filter((check) => check.outcome === 'pass').map(({ name }) => name);
  const checks =
    failed === undefined || passed === undefined
      ? 'not made'
      : `${passed.length > 0 ? `${passed.join(', ')} passed; ` : ''}${failed.name} failed`;
  return [
    stepFive(request, run, answer, false),
    {
      step: 6,
      from: 'resource-api',
      to: 'client-web',
      request: `token checks: ${checks}`,
      outcome: `${answer}: ${run?.failure?.detail ?? refusal.errorDescription}`,
      ok: false,
    },
  ];
}

function stepFive(
  request: Request,
  run: TokenCheckRun | undefined,
  outcome: string,
  ok: boolean,
): FlowHop {
  return {
    step: 5,
    from: 'client-web',
    to: 'resource-api',
    request: `${request.method} ${redactUrl(request.originalUrl)} (${bearerOf(request, run)})`,
    outcome,
    ok,
  };
}

/**
 * `Bearer jti=3c9d0a7e…`, `Bearer, no jti`, or `no Bearer token`: never the token. In
 * introspection mode the token is never decoded: its jti is the one auth-server answered, and a
 * token auth-server did not vouch for is only `Bearer`.
 */
function bearerOf(request: Request, run: TokenCheckRun | undefined): string {
  if (run === undefined) {
    return /^bearer /i.test(request.headers.authorization ?? '') ? 'Bearer' : 'no Bearer token';
  }
  const { payload, principal, introspection } = run.subject;
  const answer = introspection?.response;
  if (isIntrospectionRun(run) && answer?.active !== true) {
    return 'Bearer';
  }
  const jti = answer?.active === true ? answer.jti : payload?.['jti'];
  const client =
    principal !== undefined && principal.clientId !== 'client-web' && printable(principal.clientId)
      ? `, client_id=${principal.clientId}`
      : '';
  if (typeof jti !== 'string' || !printable(jti)) {
    return `Bearer, no jti${client}`;
  }
  return `Bearer jti=${jti.length > 8 ? shorten(jti) : jti}${client}`;
}

/**
 * What passed, as a reader checks it: `signature kid=k-1, iss, aud, exp in 598 s, scope notes:read`,
 * or in introspection mode `active (asked auth-server), token_type, iss, aud, exp in 598 s, scope
 * notes:read` (`active (kept 1.2 s)` when the answer came from the cache).
 */
function passedChecks(run: TokenCheckRun): string {
  const { header, payload, now, requiredScopes, principal, introspection } = run.subject;
  const scope =
    requiredScopes.length === 0 ? 'no scope required' : `scope ${requiredScopes.join(' ')}`;
  if (isIntrospectionRun(run)) {
    const exp = principal?.claims.exp;
    const source = introspection?.source;
    return [
      source?.from === 'cache'
        ? `active (kept ${(source.ageMs / 1000).toFixed(1)} s)`
        : 'active (asked auth-server)',
      'token_type',
      'iss',
      'aud',
      exp === undefined ? 'exp' : `exp in ${exp - now} s`,
      scope,
    ].join(', ');
  }
  const kid = header?.['kid'];
  const exp = payload?.['exp'];
  return [
    typeof kid === 'string' && printable(kid) ? `signature kid=${kid}` : 'signature',
    'iss',
    'aud',
    typeof exp === 'number' ? `exp in ${exp - now} s` : 'exp',
    ...(payload?.['nbf'] === undefined ? [] : ['nbf']),
    scope,
  ].join(', ');
}

/** Introspection mode's list starts with `active` (introspection/introspection-checks.ts). */
function isIntrospectionRun(run: TokenCheckRun): boolean {
  return run.steps[0]?.name === 'active';
}

/** Printable ASCII, bounded: what a token may put on one log line. */
function printable(value: string): boolean {
  return /^[\x21-\x7E]{1,128}$/.test(value);
}
