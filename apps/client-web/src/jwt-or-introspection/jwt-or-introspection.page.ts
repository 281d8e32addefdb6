import type { ValidationVerdict } from '@oauth-flow-lab/contracts';
import { html, type SafeHtml } from '@oauth-flow-lab/html';
import { CSRF_FIELD_NAME } from '../csrf/csrf.service';
import { clientWebPage } from '../pages/client-web-page';
import type { ComparisonAnswer, ValidationExperiment } from './validation-experiment';

/** What the page shows, gathered by JwtOrIntrospectionService. */
export interface JwtOrIntrospectionView {
  /** The last experiment of this session, if any (it may be about an earlier access token). */
  experiment: ValidationExperiment | undefined;
  /** Undefined when not connected: there is no access token to look at. */
  current:
    | {
        now: ComparisonAnswer;
        /** The session still holds the token the experiment revoked. */
        isExperimentToken: boolean;
        /** epoch seconds, from expires_in. */
        expiresAt: number;
        canRefresh: boolean;
        csrfToken: string;
      }
    | undefined;
}

type Way = 'jwt' | 'introspection';

const WAYS: readonly { way: Way; title: string; how: string }[] = [
  {
    way: 'jwt',
    title: 'Local JWT check (TOKEN_VALIDATION=jwt)',
    how: "signature with auth-server's public key, then iss, aud, exp, scope: auth-server is not asked",
  },
  {
    way: 'introspection',
    title: 'Introspection (TOKEN_VALIDATION=introspection)',
    how: 'POST /introspect to auth-server (RFC 7662), then the same claim checks on its answer',
  },
];

/**
 * GET /jwt-or-introspection: step 6 made two ways with the same real token, before and after it is
 * revoked at auth-server, side by side; and when to choose which. Linked from the flow view.
 */
export function jwtOrIntrospectionPage(view: JwtOrIntrospectionView): string {
  return clientWebPage(
    'JWT or introspection?',
    html`<h1>JWT or introspection?</h1>
      <p>
        At step 6 resource-api must decide whether the access token Notes Reader sent is good. It
        can do that two ways. It can check the JWT itself: verify auth-server's signature with the
        public key from the JWKS, then the claims (RFC 9068 §4). Or it can ask auth-server about
        the token at its introspection endpoint (RFC 7662). The first never asks auth-server about
        the token, so it cannot know that the token was revoked; the second knows at once, and pays
        a round trip for it. Below, resource-api validates your current access token both ways
        (its demo-mode <code>POST /debug/token-validation</code>), and you can revoke the token at
        auth-server and watch what each way says afterwards.
      </p>
      ${experimentSection(view)} ${currentSection(view)}
      <h2>Which one when?</h2>
      <p data-testid="which-when">
        A JWT checked locally costs no request to auth-server, whatever the API's traffic, and
        keeps working while auth-server is down (resource-api keeps its keys); but a revoked token
        stays valid until it expires. That is the right trade when access tokens are short-lived
        (10 minutes here) and a few minutes of revocation delay are acceptable. Introspection sees a
        revocation at once (after at most the few seconds its answers are cached), lets tokens stay
        opaque, and lets auth-server decide on every new token; but each one costs a round trip,
        auth-server carries a load that grows with the API's, and while it is unreachable the API
        answers 503. Choose it for long-lived tokens, for operations where a revoked token must stop
        working now, or when tokens must not be readable by the resource server. Many deployments
        mix them: short-lived JWTs checked locally, and introspection for the few calls where a
        revocation must bite at once.
      </p>
      <p>
        resource-api's API itself uses one of the two, chosen by <code>TOKEN_VALIDATION</code> (see
        the README's "JWT or introspection?"). Back to <a href="/flow#step-6">the flow view</a> or
        <a href="/">your notes</a>.
      </p>`,
  );
}

function experimentSection(view: JwtOrIntrospectionView): SafeHtml | '' {
  const experiment = view.experiment;
  if (experiment === undefined) {
    return '';
  }
  const sameToken = view.current?.isExperimentToken === true;
  return html`<h2>Revoked, then asked again</h2>
    <p>
      ${sameToken ? 'Your current access token' : 'An earlier access token of this session'} was
      validated both ways, then revoked at auth-server (<code>POST /revoke</code>,
      <code>token_type_hint=access_token</code>, with Notes Reader's client credentials, RFC 7009)
      at ${experiment.at}, then validated both ways again.
    </p>
    <p data-testid="revocation">
      ${
        experiment.revocation.revoked
          ? html`auth-server answered <code>200</code>: the token is revoked.`
          : html`The revocation was not confirmed: ${experiment.revocation.reason}.`
      }
    </p>
    <table data-testid="experiment">
      <tr>
        <th></th>
        ${WAYS.map(({ title, how }) => html`<th>${title}<br /><small>${how}</small></th>`)}
      </tr>
      ${comparisonRow('before', 'Before the revocation', experiment.before)}
      ${comparisonRow('after', 'After the revocation', experiment.after)}
    </table>
    ${afterwards(experiment, view)}`;
}

/** What the experiment means for the token in the session, and what Notes Reader does next. */
function afterwards(experiment: ValidationExperiment, view: JwtOrIntrospectionView): SafeHtml {
  const expires = new Date(experiment.expiresAt * 1000).toISOString();
  const cacheSeconds =
    experiment.after.kind === 'comparison'
      ? experiment.after.comparison.introspection_cache_seconds
      : undefined;
  const mode =
    experiment.after.kind === 'comparison' ? experiment.after.comparison.mode : undefined;
  return html`<p data-testid="afterwards">
    The local JWT check will keep saying valid until the token's <code>exp</code> (${expires}):
    nothing in the token changed, and it never asks auth-server. Introspection said inactive as
    soon as auth-server knew.
    ${
      mode === undefined
        ? ''
        : html`resource-api's API runs in <code>${mode}</code> mode, so
          ${
            mode === 'jwt'
              ? html`it keeps serving your notes with this revoked token until then.`
              : html`it refuses this token (401 <code>invalid_token</code>) as soon as its cached
                answer runs out (at most ${cacheSeconds ?? 0} s after the revocation).`
          }`
    }
    Notes Reader keeps the revoked token in your session so you can watch this; only the access
    token was revoked, not the grant.
    ${
      view.current?.canRefresh === false
        ? html`Without a refresh token, once resource-api refuses it you will have to connect
          again.`
        : html`When resource-api refuses it with 401 <code>invalid_token</code>, Notes Reader uses
          its refresh token to get a new access token (RFC 6749 §6), as it does for any rejected
          token, and calls again.`
    }
  </p>`;
}

function currentSection(view: JwtOrIntrospectionView): SafeHtml {
  const current = view.current;
  if (current === undefined) {
    return html`<p data-testid="not-connected">
      Notes Reader has no access token yet: <a href="/connect">connect</a> first, then come back.
    </p>`;
  }
  const expires = new Date(current.expiresAt * 1000).toISOString();
  return html`<h2>Your current access token, now</h2>
    <p>
      ${
        current.isExperimentToken
          ? 'This is the token revoked above.'
          : 'Notes Reader holds this access token in your session (it expires at ' +
            expires +
            ', as expires_in said).'
      }
    </p>
    <table data-testid="now">
      <tr>
        <th></th>
        ${WAYS.map(({ title }) => html`<th>${title}</th>`)}
      </tr>
      ${comparisonRow('now', 'Now', current.now)}
    </table>
    <form method="post" action="/jwt-or-introspection">
      <input type="hidden" name="${CSRF_FIELD_NAME}" value="${current.csrfToken}" />
      <button type="submit">Revoke this access token at auth-server, then ask both again</button>
    </form>`;
}

function comparisonRow(id: string, label: string, answer: ComparisonAnswer): SafeHtml {
  switch (answer.kind) {
    case 'comparison':
      return html`<tr data-testid="row-${id}">
        <th>${label}</th>
        ${WAYS.map(({ way }) => verdictCell(`${id}-${way}`, answer.comparison[way]))}
      </tr>`;
    case 'demo-mode-off':
      return html`<tr data-testid="row-${id}">
        <th>${label}</th>
        <td colspan="2" data-testid="demo-mode-off">
          resource-api runs without demo mode (<code>DEMO_MODE=false</code>): its comparison route
          does not exist, as in production.
        </td>
      </tr>`;
    case 'no-comparison':
      return html`<tr data-testid="row-${id}">
        <th>${label}</th>
        <td colspan="2" data-testid="no-comparison">No comparison: ${answer.reason}.</td>
      </tr>`;
  }
}

function verdictCell(id: string, verdict: ValidationVerdict): SafeHtml {
  const said = verdict.valid ? '✓ valid' : `✗ ${verdict.error ?? 'invalid'}`;
  return html`<td data-testid="verdict-${id}" data-valid="${String(verdict.valid)}">
    <strong>${said}</strong><br />
    <code>${verdict.check}</code>: ${verdict.detail}<br />
    <small>${verdict.ms} ms</small>
  </td>`;
}
