import { Inject, Injectable } from '@nestjs/common';
import {
  INTROSPECTION_CHECK_NAMES,
  TOKEN_CHECK_NAMES,
  type TokenCheckName,
} from '@oauth-flow-lab/contracts';
import {
  currentFlowId,
  type FlowHop,
  FlowLog,
  type FlowParty,
  logSafe,
  redactUrl,
  shorten,
} from '@oauth-flow-lab/flow-log';
import type { HttpRequest } from '../http/http-request';
import {
  type AccessTokenAccepted,
  type AccessTokenChecked,
  type AccessTokenRefused,
  StepSixEvents,
} from '../step-six.events';

/**
 * Steps 5 and 6 as the resource server tells them, two lines per guarded request:
 *
 *   step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=3c9d0a7e…) → 200
 *   step 6 · resource-api → client-web · back channel · token checks: signature kid=k-1, iss, aud, exp in 598 s, scope notes:read → passed
 *
 *   step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=3c9d0a7e…) → 401 invalid_token
 *   step 6 · resource-api → client-web · back channel · token checks: format, alg, typ, kid, signature, nbf passed; exp failed → 401 invalid_token: expired 90 s ago, beyond the 60 s leeway
 *
 * In introspection mode the checks are those of introspection/introspection-checks.ts:
 *
 *   step 6 · resource-api → client-web · back channel · token checks: active (asked auth-server), token_type, iss, aud, exp in 598 s, scope notes:read → passed
 *   step 6 · resource-api → client-web · back channel · token checks: active failed → 401 invalid_token: auth-server says {"active": false}: …
 *
 * The token itself is never written: only its `jti`, shortened. The caller is the party the app
 * names (ResourceGuardsOptions.stepLog.caller: `client-web` in the six steps); a token of another
 * client adds its client_id. The lines are made from what AccessTokenGuard raised (StepSixEvents): the checks before
 * the one that failed passed, in the order the guard makes them.
 */
export function servedHops(
  caller: FlowParty,
  request: HttpRequest,
  event: AccessTokenAccepted,
  status: number,
): [FlowHop, FlowHop] {
  return [
    stepFive(caller, request, event, `${status}`, status < 400),
    {
      step: 6,
      from: 'resource-api',
      to: caller,
      request: `token checks: ${passedChecks(event)}`,
      outcome: 'passed',
      ok: true,
    },
  ];
}

export function refusedHops(
  caller: FlowParty,
  request: HttpRequest,
  event: AccessTokenRefused,
): [FlowHop, FlowHop] {
  const { answer, check } = event;
  const code = answer.challenge === null ? answer.error : answer.challenge.error;
  const status = code === undefined ? `${answer.getStatus()}` : `${answer.getStatus()} ${code}`;
  let checks = 'not made';
  if (check !== 'request') {
    const passed = checkOrder(event).slice(0, checkOrder(event).indexOf(check));
    checks = `${passed.length > 0 ? `${passed.join(', ')} passed; ` : ''}${check} failed`;
  }
  return [
    stepFive(caller, request, event, status, false),
    {
      step: 6,
      from: 'resource-api',
      to: caller,
      request: `token checks: ${checks}`,
      // The detail quotes what the token's header or claims said (`kid "…" names no key`):
      // values the caller chose, before any signature was checked.
      outcome: `${status}: ${logSafe(event.detail)}`,
      ok: false,
    },
  ];
}

/** The order the guard makes its checks in, in the mode it ran (libs/contracts token-checks.ts). */
function checkOrder({ mode }: AccessTokenChecked): readonly TokenCheckName[] {
  return mode === 'introspection' ? INTROSPECTION_CHECK_NAMES : TOKEN_CHECK_NAMES;
}

function stepFive(
  caller: FlowParty,
  request: HttpRequest,
  event: AccessTokenChecked,
  outcome: string,
  ok: boolean,
): FlowHop {
  return {
    step: 5,
    from: caller,
    to: 'resource-api',
    request: `${request.method} ${redactUrl(request.originalUrl)} (${bearerOf(caller, request, event)})`,
    outcome,
    ok,
  };
}

/**
 * `Bearer jti=3c9d0a7e…`, `Bearer, no jti`, or `no Bearer token`: never the token. In
 * introspection mode the token is never decoded: its jti is the one auth-server answered, and a
 * token auth-server did not vouch for is only `Bearer`.
 */
function bearerOf(caller: FlowParty, request: HttpRequest, event: AccessTokenChecked): string {
  if (event.verdict === 'refused' && event.check === 'request') {
    return /^bearer /i.test(request.headers.authorization ?? '') ? 'Bearer' : 'no Bearer token';
  }
  const { jti, clientId } = event.facts;
  if (event.mode === 'introspection' && clientId === undefined && jti === undefined) {
    return 'Bearer';
  }
  const client =
    clientId !== undefined && clientId !== caller && printable(clientId)
      ? `, client_id=${clientId}`
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
function passedChecks({ mode, facts, requiredScopes }: AccessTokenAccepted): string {
  const now = Math.floor(Date.now() / 1000);
  const { kid, exp, nbf, introspection } = facts;
  const scope =
    requiredScopes.length === 0 ? 'no scope required' : `scope ${requiredScopes.join(' ')}`;
  const expiry = typeof exp === 'number' ? `exp in ${exp - now} s` : 'exp';
  if (mode === 'introspection') {
    return [
      introspection?.from === 'cache'
        ? `active (kept ${(introspection.ageMs / 1000).toFixed(1)} s)`
        : 'active (asked auth-server)',
      'token_type',
      'iss',
      'aud',
      expiry,
      scope,
    ].join(', ');
  }
  return [
    typeof kid === 'string' && printable(kid) ? `signature kid=${kid}` : 'signature',
    'iss',
    'aud',
    expiry,
    ...(nbf === undefined ? [] : ['nbf']),
    scope,
  ].join(', ');
}

/** Printable ASCII, bounded: what a token may put on one log line. */
function printable(value: string): boolean {
  return /^[\x21-\x7E]{1,128}$/.test(value);
}

/** Injection token for ResourceGuardsOptions.stepLog.caller, provided with StepSixLog. */
export const STEP_SIX_CALLER = Symbol('STEP_SIX_CALLER');

/**
 * Listens to step 6 (StepSixEvents) and tells it as the lines above: a refusal at once (steps 5
 * and 6, with the check that failed); an accepted token once its answer is sent, when the status
 * is known (a 400 from the body's validation included). It waits on the Node response's `finish`,
 * not in a Nest interceptor: an interceptor makes Nest wrap every request of the app in rxjs and
 * bound async resources, a quarter of a verified GET's CPU (bench/README.md, "Issue 17"), where
 * this costs one listener on a request it will tell.
 */
@Injectable()
export class StepSixLog {
  /** The party calling this resource server, as the lines name it. */
  readonly caller: FlowParty;

  constructor(
    events: StepSixEvents,
    private readonly flowLog: FlowLog,
    @Inject(STEP_SIX_CALLER) caller: FlowParty,
  ) {
    this.caller = caller;
    events.on((event) => {
      const flowId = currentFlowId();
      const request = event.request as HttpRequest;
      if (event.verdict === 'refused') {
        for (const hop of refusedHops(this.caller, request, event)) {
          this.flowLog.hop({ ...hop, flowId });
        }
        return;
      }
      if (!this.flowLog.writesHops) {
        return; // a served request's hops are info lines: nothing to tell at warn
      }
      const { response } = event;
      response.once('finish', () => {
        for (const hop of servedHops(this.caller, request, event, response.statusCode)) {
          this.flowLog.hop({ ...hop, flowId });
        }
      });
    });
  }
}
