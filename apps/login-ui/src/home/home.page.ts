import { html, renderPage } from '@oauth-flow-lab/html';
import { CSRF_FIELD } from '../csrf/csrf.service';
import { LOGIN_UI_ROLE } from '../pages/login-ui-role';
import { SEED_USERS } from '../seeds/users.seed';
import type { User } from '../users/user.entity';

/** The user signed in at login-ui, and the CSRF token of the Sign out form. */
export interface SignedIn {
  user: User;
  csrfToken: string;
}

/** GET /: what this app is for, and who can sign in (the passwords are shown: this is a demo). */
export function renderHomePage(signedIn?: SignedIn): string {
  return renderPage(
    LOGIN_UI_ROLE,
    'login-ui',
    html`<h1>login-ui: where the user signs in and consents</h1>
      <p>
        This app plays <strong>step 2</strong> of the authorization-code flow. When a client (such
        as client-web, "Notes Reader") asks auth-server for authorization, auth-server sends your
        browser here twice: to <code>/login?login_challenge=…</code>, where you authenticate, and to
        <code>/consent?consent_challenge=…</code>, where you allow or deny what the client asks for.
      </p>
      <p>
        login-ui owns the user accounts and talks to auth-server only through its admin API: it
        fetches what each challenge is about and tells auth-server who signed in and what was
        allowed. It never sees a client secret, an authorization code or a token.
      </p>
      ${
        signedIn
          ? html`<p data-testid="signed-in">
              You are signed in as <strong>${signedIn.user.name}</strong>: login requests skip the
              sign-in form unless the application asks for it (<code>prompt=login</code>).
            </p>
            <form method="post" action="/sign-out">
              <input type="hidden" name="${CSRF_FIELD}" value="${signedIn.csrfToken}" />
              <button type="submit" class="secondary">Sign out</button>
            </form>`
          : null
      }
      <p>
        Start the flow from the client application. Here you can see and revoke the applications
        you let auth-server remember: <a href="/apps">Connected apps</a>.
      </p>
      <h2>Demo users</h2>
      <table>
        <thead>
          <tr>
            <th>Username</th>
            <th>Password</th>
            <th>Name</th>
            <th>Subject (<code>sub</code>)</th>
          </tr>
        </thead>
        <tbody>
          ${SEED_USERS.map(
            (user) =>
              html`<tr data-testid="demo-user">
                <td><code>${user.username}</code></td>
                <td><code>${user.password}</code></td>
                <td>${user.name}</td>
                <td><code>${user.id}</code></td>
              </tr>`,
          )}
        </tbody>
      </table>`,
  );
}
