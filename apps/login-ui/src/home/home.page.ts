import { html, renderPage } from '@oauth-flow-lab/html';
import { LOGIN_UI_ROLE } from '../pages/login-ui-role';
import { SEED_USERS } from '../seeds/users.seed';

/** GET /: what this app is for, and who can sign in (the passwords are shown: this is a demo). */
export function renderHomePage(): string {
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
      <p>There is nothing to do here directly: start from the client application.</p>
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
