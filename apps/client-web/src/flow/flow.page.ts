import { channelOfStep, FLOW_STEP_TITLES, type FlowStepNumber } from '@oauth-flow-lab/flow-log';
import { html, type SafeHtml } from '@oauth-flow-lab/html';
import { clientWebPage } from '../pages/client-web-page';
import { eventDetail } from './flow-event-detail.view';
import type { FlowEvent, FlowRecord } from './flow-record';
import { type FlowHopKind, handlerFilesOf } from './handler-files';

const STEPS: readonly FlowStepNumber[] = [1, 2, 3, 4, 5, 6];

/** Steps 1 and 2 pass through the browser; step 4 is the answer to step 3's request. */
const REQUEST_HEADINGS: Readonly<Record<FlowStepNumber, string>> = {
  1: 'Request (carried by the browser)',
  2: 'Request (carried by the browser)',
  3: 'Request',
  4: "In answer to step 3's request",
  5: 'Request',
  6: 'Request',
};

/** What each kind of hop is called in the view. */
const HOP_TITLES: Readonly<Record<FlowHopKind, string>> = {
  'authorization-request': 'Authorization request (RFC 6749 §4.1.1, PKCE RFC 7636)',
  'authorization-response': 'Authorization response (RFC 6749 §4.1.2, RFC 9207)',
  'code-exchange': 'Code exchange at the token endpoint (RFC 6749 §4.1.3)',
  'token-response': 'Token response (RFC 6749 §5.1, OIDC Core §3.1.3.3)',
  refresh: 'Refresh (RFC 6749 §6)',
  revocation: 'Revocation (RFC 7009)',
  'api-call': 'API call with the Bearer token (RFC 6750 §2.1)',
  'token-checks': "resource-api's validation report (demo mode)",
};

/**
 * GET /flow: this browser's last flow as a vertical timeline, one section per step of the README's
 * diagram (`#step-1` … `#step-6`), each hop numbered in the order it happened. Everything shown was
 * made safe when it was recorded (flow/entries); the `html` tag escapes it all once more.
 */
export function flowPage(flow: FlowRecord | undefined): string {
  if (flow === undefined) {
    return clientWebPage(
      'Flow',
      html`<h1>The flow, step by step</h1>
        <p data-testid="no-flow">
          No flow yet in this browser session: nothing has been sent to auth-server or resource-api.
        </p>
        <p><a href="/connect">Connect</a> to start one, then come back here to watch each step.</p>`,
    );
  }
  return clientWebPage(
    'Flow',
    html`<h1>The flow, step by step</h1>
      <p>
        Flow id <code data-testid="flow-id">${flow.id}</code>, started ${flow.startedAt}. Every
        service logs its hops with this id (<code>grep ${flow.id}</code> over the four logs tells
        the same story from each side); on the back channel it travels in the
        <code>traceparent</code> header, on the front channel each end derives it from
        <code>state</code>.
      </p>
      <p>
        Entries are numbered in the order they happened, and grouped by step. Codes, states and
        challenges are shortened; tokens appear only decoded; verifiers, secrets and refresh tokens
        never.
        ${
          flow.omitted > 0
            ? html`<strong data-testid="omitted"
              >${flow.omitted} older entries were left out to keep this page short.</strong
            >`
            : ''
        }
      </p>
      <div style="border-left: 4px solid #0969da; padding-left: 1rem">
        ${STEPS.map((step) => stepSection(step, flow))}
      </div>`,
  );
}

function stepSection(step: FlowStepNumber, flow: FlowRecord): SafeHtml {
  const events = flow.events.filter((event) => event.step === step);
  return html`<section id="step-${step}" data-testid="step-${step}">
    <h2>Step ${step}: ${FLOW_STEP_TITLES[step]}</h2>
    <p><em>${channelOfStep(step)}</em>${channelNote(step)}</p>
    ${
      events.length === 0
        ? html`<p data-testid="step-empty">Nothing recorded for this step in this flow yet.</p>`
        : events.map((event) => eventEntry(event, flow))
    }
    ${step === 6 ? jwtOrIntrospectionLink() : ''}
  </section>`;
}

/** Step 6 can be made another way: the page that shows both with this very token. */
function jwtOrIntrospectionLink(): SafeHtml {
  return html`<p data-testid="jwt-or-introspection">
    <a href="/jwt-or-introspection">JWT or introspection?</a> resource-api checked the token itself,
    with auth-server's public key. It could ask auth-server instead (RFC 7662): see both with your
    token, before and after revoking it.
  </p>`;
}

function channelNote(step: FlowStepNumber): string {
  return step <= 2
    ? ': through the browser, by redirects; client-web sees only its own end.'
    : ': server to server, out of the browser’s sight.';
}

function eventEntry(event: FlowEvent, flow: FlowRecord): SafeHtml {
  const border = event.ok ? '#1a7f37' : '#b42318';
  return html`<article
    data-testid="flow-event"
    data-hop="${event.hop}"
    data-ok="${String(event.ok)}"
    style="border: 1px solid #d0d7de; border-left: 4px solid ${border}; padding: 0.5rem 0.75rem; margin: 0.75rem 0"
  >
    <h3 style="font-size: 1rem; margin: 0">
      #${event.seq} · ${HOP_TITLES[event.hop]}${event.ok ? '' : ' · refused or failed'}
    </h3>
    <p>
      <strong>${event.from} → ${event.to}</strong>, ${channelOfStep(event.step)}, at ${event.at}
    </p>
    ${event.why === undefined ? '' : html`<p data-testid="why">${event.why}</p>`}
    <p>Log line: <code data-testid="log-line">${event.line}</code></p>
    <h4>${REQUEST_HEADINGS[event.step]}</h4>
    <p><code data-testid="request">${event.request.method} ${event.request.url}</code></p>
    ${pairs('request-parameters', event.request.parameters)}
    ${pairs('request-headers', {
      ...event.request.headers,
      // Every back-channel call carries the flow id (flowHeaders; connect/passport-oauth2.adapter.ts).
      ...(event.step === 3 || event.step >= 5
        ? { traceparent: `00-${flow.id}-…-01 (the flow id)` }
        : {}),
    })}
    <h4>Response</h4>
    <p data-testid="response">
      ${event.response.status === null ? '' : html`<code>${event.response.status}</code>`}
      ${event.response.summary}
    </p>
    ${pairs('response-parameters', event.response.parameters)}
    ${event.hop === 'authorization-response' ? atLoginUi(event) : ''}
    ${event.detail === undefined ? '' : eventDetail(event.detail)}
    ${handlerFiles(event.hop)}
  </article>`;
}

function pairs(testId: string, values: Readonly<Record<string, string>>): SafeHtml | '' {
  const entries = Object.entries(values);
  if (entries.length === 0) {
    return '';
  }
  return html`<table data-testid="${testId}">
    ${entries.map(
      ([name, value]) =>
        html`<tr data-name="${name}">
          <th><code>${name}</code></th>
          <td><code>${value}</code></td>
        </tr>`,
    )}
  </table>`;
}

/**
 * Step 2 happens between the browser, auth-server and login-ui; client-web only sees how it ended,
 * at /callback. What it can tell of the rest, it says here.
 */
function atLoginUi(event: FlowEvent): SafeHtml {
  const error = event.response.parameters['error'];
  if (event.ok) {
    return html`<p data-testid="at-login-ui">
      Before this, at login-ui: you logged in (<code>apps/login-ui/src/login/login.controller.ts</code>)
      and allowed Notes Reader the scopes it asked for
      (<code>apps/login-ui/src/consent/consent.controller.ts</code>), unless auth-server could skip a
      page (a login session still valid, a consent remembered). Then auth-server issued a one-time
      code and sent the browser here with it. client-web saw none of that: only this callback.
    </p>`;
  }
  if (error === 'access_denied') {
    return html`<p data-testid="at-login-ui">
      At login-ui's consent page (<code>apps/login-ui/src/consent/consent.controller.ts</code>) you
      chose Deny. auth-server sent the browser back with <code>error=access_denied</code> and no code
      (RFC 6749 §4.1.2.1): Notes Reader got nothing, and steps 3 to 6 do not happen.
    </p>`;
  }
  return html`<p data-testid="at-login-ui">
    client-web refused this authorization response (<code>${error ?? 'error'}</code>): no code was
    sent to the token endpoint (SECURITY-CASES 36).
  </p>`;
}

function handlerFiles(hop: FlowHopKind): SafeHtml {
  return html`<p data-testid="handler-files">
    Handled in:
    ${handlerFilesOf(hop).map(
      ([party, files]) =>
        html`<br />${party}: ${files.map((file, i) => html`${i > 0 ? ', ' : ''}<code>${file}</code>`)}`,
    )}
  </p>`;
}
