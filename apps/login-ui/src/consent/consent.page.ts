import { type ConsentRequest, SCOPE_DESCRIPTIONS, isKnownScope } from '@oauth-flow-lab/contracts';
import { html, renderPage } from '@oauth-flow-lab/html';
import { CSRF_FIELD } from '../csrf/csrf.service';
import { LOGIN_UI_ROLE } from '../pages/login-ui-role';

export interface ConsentPageModel {
  consentRequest: ConsentRequest;
  csrfToken: string;
  /** The signed-in user's display name, when login-ui knows the subject. */
  userName?: string;
}

/** RFC 6749 §3.3 scopes in words: the description from the contracts, or the name itself. */
export function describeScope(scope: string): string {
  return isKnownScope(scope) ? SCOPE_DESCRIPTIONS[scope] : scope;
}

/** The consent screen: which client, what it asks for, Allow or Deny. */
export function renderConsentPage({
  consentRequest,
  csrfToken,
  userName,
}: ConsentPageModel): string {
  const clientName = consentRequest.client.client_name;
  return renderPage(
    LOGIN_UI_ROLE,
    'Allow access?',
    html`<h1>${clientName} wants to:</h1>
      <ul>
        ${consentRequest.requested_scope.map(
          (scope) =>
            html`<li data-scope="${scope}">
              ${describeScope(scope)} <small><code>${scope}</code></small>
            </li>`,
        )}
      </ul>
      ${userName ? html`<p>You are signed in as <strong>${userName}</strong>.</p>` : null}
      <p>
        If you allow, auth-server gives <code>${consentRequest.client.client_id}</code> an
        authorization code, which it exchanges for an access token limited to these scopes.
      </p>
      <form method="post" action="/consent">
        <input type="hidden" name="consent_challenge" value="${consentRequest.challenge}" />
        <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />
        <label>
          <input type="checkbox" name="remember" value="yes" />
          Remember this decision (you can revoke it under <a href="/apps">Connected apps</a>)
        </label>
        <button type="submit" name="decision" value="allow">Allow</button>
        <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
      </form>`,
  );
}
