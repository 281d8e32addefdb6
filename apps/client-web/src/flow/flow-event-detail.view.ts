import type { TokenChecksReport } from '@oauth-flow-lab/contracts';
import { html, type SafeHtml } from '@oauth-flow-lab/html';
import { CLAIM_MEANINGS, HEADER_MEANINGS, TIME_CLAIMS } from './claim-meanings';
import type { DecodedJwt, FlowEventDetail } from './flow-record';

/**
 * What an entry of the flow view shows beyond its request and response: the tokens of step 4
 * decoded claim by claim (RFC 9068 §2.2, OIDC Core §2), and for step 6 resource-api's validation
 * report, each check with its RFC section (resource-api makes it; client-web only shows it).
 */
export function eventDetail(value: FlowEventDetail): SafeHtml {
  switch (value.kind) {
    case 'tokens':
      return html`<h4>The tokens, decoded</h4>
        <p>
          Shown decoded, the way the home page shows them; the tokens themselves stay in the session
          on the server. The access token is written for resource-api (client-web treats it as
          opaque); the id_token is for client-web, which verified it.
        </p>
        ${decodedToken('access token', 'flow-access-token', value.accessToken)}
        ${value.idToken === null ? '' : decodedToken('id_token', 'flow-id-token', value.idToken)}`;
    case 'token-checks':
      return tokenChecksReport(value.report);
    case 'no-token-checks':
      return html`<p data-testid="no-token-checks"><strong>${value.reason}</strong></p>`;
  }
}

function decodedToken(name: string, testId: string, token: DecodedJwt | null): SafeHtml {
  if (token === null) {
    return html`<p data-testid="${testId}">The ${name} is not a JWT: there is nothing to decode.</p>`;
  }
  return html`<div data-testid="${testId}">
    <h5>${name}: header</h5>
    ${claimTable(`${testId}-header`, token.header, HEADER_MEANINGS)}
    <h5>${name}: claims</h5>
    ${claimTable(`${testId}-claims`, token.claims, CLAIM_MEANINGS)}
  </div>`;
}

function claimTable(
  testId: string,
  values: Readonly<Record<string, unknown>>,
  meanings: Readonly<Record<string, string>>,
): SafeHtml {
  return html`<table data-testid="${testId}">
    ${Object.entries(values).map(
      ([name, value]) =>
        html`<tr data-claim="${name}">
          <th><code>${name}</code></th>
          <td><code>${shownClaim(name, value)}</code></td>
          <td>${meanings[name] ?? ''}</td>
        </tr>`,
    )}
  </table>`;
}

function shownClaim(name: string, value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return TIME_CLAIMS.has(name) && typeof value === 'number'
    ? `${text} (${new Date(value * 1000).toISOString()})`
    : text;
}

function tokenChecksReport(report: TokenChecksReport): SafeHtml {
  return html`<h4>resource-api's checks of this token</h4>
    <p data-testid="token-checks-verdict">
      Verdict: <strong>${report.verdict}</strong>
      ${report.error === undefined ? '' : html`(resource-api answers <code>${report.error}</code>)`}
      for required scope <code>${report.required_scope}</code>.
    </p>
    <table data-testid="token-checks">
      ${report.checks.map(
        (check) =>
          html`<tr data-check="${check.name}" data-outcome="${check.outcome}">
            <th><code>${check.name}</code></th>
            <td>${check.outcome}</td>
            <td>${check.detail}</td>
            <td>${check.rfc}</td>
          </tr>`,
      )}
    </table>`;
}
