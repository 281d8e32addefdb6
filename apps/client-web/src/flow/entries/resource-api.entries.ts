import type { TokenChecksReport } from '@oauth-flow-lab/contracts';
import type { ResourceApiAnswer } from '../../client-flow.events';
import type { FlowEntry, FlowHttpResponse } from '../flow-record';
import { pathOf, tokenReference, withoutQuery } from './shown-values';

/** Step 5 (RFC 6750 §2.1): client-web calls resource-api with the access token as Bearer. */
export function apiCallEntry(
  call: { method: 'GET' | 'POST'; url: string; accessToken: string },
  answer: ResourceApiAnswer,
): FlowEntry {
  const token = tokenReference(call.accessToken);
  return {
    step: 5,
    from: 'client-web',
    to: 'resource-api',
    hop: 'api-call',
    requestLine: `${call.method} ${pathOf(call.url)} (Bearer ${token.replace(/^access token /, '')})`,
    request: {
      method: call.method,
      url: withoutQuery(call.url),
      parameters: {},
      headers: { Authorization: `Bearer [redacted] (${token})` },
    },
    ...apiAnswerParts(answer),
  };
}

function apiAnswerParts(
  answer: ResourceApiAnswer,
): Pick<FlowEntry, 'ok' | 'outcome'> & { response: FlowHttpResponse } {
  if (answer.kind === 'unreachable') {
    return {
      ok: false,
      outcome: `no answer (${answer.reason})`,
      response: { status: null, summary: answer.reason, parameters: {} },
    };
  }
  const ok = answer.status >= 200 && answer.status < 300;
  // RFC 6750 §3: a refusal names its reason in the Bearer challenge.
  const error = /error="([^"]*)"/.exec(answer.challenge)?.[1];
  const said = ok ? (answer.served ?? 'served') : (error ?? 'refused');
  return {
    ok,
    outcome: ok ? `${answer.status} (${said})` : `${answer.status} ${said}`,
    response: {
      status: answer.status,
      summary: ok
        ? `resource-api validated the token (step 6) and served: ${said}.`
        : `resource-api refused the token: ${said} (RFC 6750 §3.1).`,
      parameters: answer.challenge === '' ? {} : { 'WWW-Authenticate': answer.challenge },
    },
  };
}

/** What POST /debug/token-checks gave: the report, or why there is none. */
export type TokenChecksAnswer =
  | { kind: 'report'; report: TokenChecksReport }
  | { kind: 'demo-mode-off' }
  | { kind: 'no-report'; reason: string };

export const DEMO_MODE_OFF = "resource-api's DEMO_MODE is off; no report";

/**
 * Step 6 made visible: right after a step 5 call, client-web asks resource-api's demo-mode debug
 * route to run the same checks on the same token and report each one (libs/contracts
 * token-checks.ts). client-web only shows the report; it decides nothing from it.
 */
export function tokenChecksEntry(
  call: { url: string; accessToken: string; requiredScope: string },
  answer: TokenChecksAnswer,
): FlowEntry {
  const token = tokenReference(call.accessToken);
  const request = {
    method: 'POST',
    url: withoutQuery(call.url),
    parameters: { required_scope: call.requiredScope },
    headers: {
      Authorization: `Bearer [redacted] (${token}, the token to check)`,
      'Content-Type': 'application/json',
    },
  };
  const base = {
    step: 6,
    from: 'client-web',
    to: 'resource-api',
    hop: 'token-checks',
    requestLine: `POST ${pathOf(call.url)} required_scope=${call.requiredScope}`,
    request,
  } as const;
  switch (answer.kind) {
    case 'report': {
      const { report } = answer;
      const failed = report.checks.filter((check) => check.outcome === 'fail').map((c) => c.name);
      const said =
        report.verdict === 'valid'
          ? `valid: ${report.checks.length} checks passed`
          : `invalid: ${report.error ?? 'refused'}, failed ${failed.join(', ')}`;
      return {
        ...base,
        ok: report.verdict === 'valid',
        outcome: `200 (${said})`,
        response: { status: 200, summary: said, parameters: {} },
        detail: { kind: 'token-checks', report },
      };
    }
    case 'demo-mode-off':
      return {
        ...base,
        ok: true,
        outcome: `404 (${DEMO_MODE_OFF})`,
        response: { status: 404, summary: DEMO_MODE_OFF, parameters: {} },
        detail: { kind: 'no-token-checks', reason: DEMO_MODE_OFF },
      };
    case 'no-report':
      return {
        ...base,
        ok: false,
        outcome: `no report (${answer.reason})`,
        response: { status: null, summary: answer.reason, parameters: {} },
        detail: { kind: 'no-token-checks', reason: answer.reason },
      };
  }
}
