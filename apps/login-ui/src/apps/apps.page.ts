import type { RememberedConsent } from '@oauth-flow-lab/contracts';
import { html, renderPage } from '@oauth-flow-lab/html';
import { describeScope } from '../consent/consent.page';
import { CSRF_FIELD } from '../csrf/csrf.service';
import { LOGIN_UI_ROLE } from '../pages/login-ui-role';
import type { User } from '../users/user.entity';
import { credentialFields } from '../login/credential-fields';

export interface AppsPageModel {
  user: User;
  apps: RememberedConsent[];
  csrfToken: string;
  /** The client id just revoked, to say so above the list. */
  revoked?: string;
}

/** GET /apps, signed in: the apps the user let auth-server remember, each with a Revoke button. */
export function renderAppsPage({ user, apps, csrfToken, revoked }: AppsPageModel): string {
  return renderPage(
    LOGIN_UI_ROLE,
    'Connected apps',
    html`<h1>Connected apps</h1>
      <p>Signed in as <strong>${user.name}</strong>.</p>
      ${
        revoked
          ? html`<p role="status" data-testid="message">
            Access for <code>${revoked}</code> was revoked: its tokens no longer work, and it will
            ask for your consent again.
          </p>`
          : null
      }
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
