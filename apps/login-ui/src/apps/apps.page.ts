import type { RememberedConsent } from '@oauth-flow-lab/contracts';
import { html, renderPage } from '@oauth-flow-lab/html';
import { describeScope } from '../consent/consent.page';
import { CSRF_FIELD } from '../csrf/csrf.service';
import { LOGIN_UI_ROLE } from '../pages/login-ui-role';
import type { User } from '../users/user.entity';
import { credentialFields } from '../login/credential-fields';

/**
 * What /apps can say above the list, by the code of `/apps?status=<code>`: a fixed list
 * (docs/security-cases.md, case 51). Anyone can send a signed-in user to /apps?status=…, so the
 * page shows only the sentence a known code names, never the value itself, and nothing for an
 * unknown code: the site says in its own voice only words it wrote.
 */
const STATUS_MESSAGES = {
  revoked:
    "The app's access was revoked: its tokens no longer work, and it will ask for your consent " +
    'again.',
} as const;

export type AppsStatus = keyof typeof STATUS_MESSAGES;

/** A known status code (an own key of the list: `constructor` or `toString` are not). */
export function isAppsStatus(value: unknown): value is AppsStatus {
  return typeof value === 'string' && Object.hasOwn(STATUS_MESSAGES, value);
}

export interface AppsPageModel {
  user: User;
  apps: RememberedConsent[];
  csrfToken: string;
  /** What just happened (after a Revoke), to say so above the list. */
  status?: AppsStatus;
}

/** GET /apps, signed in: the apps the user let auth-server remember, each with a Revoke button. */
export function renderAppsPage({ user, apps, csrfToken, status }: AppsPageModel): string {
  return renderPage(
    LOGIN_UI_ROLE,
    'Connected apps',
    html`<h1>Connected apps</h1>
      <p>Signed in as <strong>${user.name}</strong>.</p>
      ${status ? html`<p role="status" data-testid="message">${STATUS_MESSAGES[status]}</p>` : null}
      <p>
        These applications have access you agreed to with "Remember this decision". Revoking one
        makes auth-server forget that decision and revoke every refresh token the app holds for
        you (and the access tokens issued with them).
      </p>
      ${
        apps.length === 0
          ? html`<p data-testid="no-apps">No connected apps.</p>`
          : html`<ul>
            ${apps.map(
              (app) =>
                html`<li data-testid="connected-app" data-client-id="${app.client_id}">
                  <strong>${app.client_name}</strong> <small><code>${app.client_id}</code></small>,
                  since <time datetime="${app.remembered_at}">${app.remembered_at}</time>
                  <ul>
                    ${app.scope.map(
                      (scope) =>
                        html`<li data-scope="${scope}">
                          ${describeScope(scope)} <small><code>${scope}</code></small>
                        </li>`,
                    )}
                  </ul>
                  <form method="post" action="/apps/${encodeURIComponent(app.client_id)}/revoke">
                    <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />
                    <button type="submit" class="secondary">Revoke</button>
                  </form>
                </li>`,
            )}
          </ul>`
      }
      <p><a href="/">Back to login-ui's home page</a></p>`,
  );
}

/** GET /apps, not signed in: a sign-in form of login-ui itself (no authorization request). */
export function renderAppsSignInPage(csrfToken: string, error?: string): string {
  return renderPage(
    LOGIN_UI_ROLE,
    'Sign in to see your connected apps',
    html`<h1>Sign in to see your connected apps</h1>
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
      <form method="post" action="/apps/sign-in">
        <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />
        ${credentialFields()}
      </form>`,
  );
}
