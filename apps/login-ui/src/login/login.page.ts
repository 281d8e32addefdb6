import type { LoginRequest } from '@oauth-flow-lab/contracts';
import { html, renderPage } from '@oauth-flow-lab/html';
import { CSRF_FIELD } from '../csrf/csrf.service';
import { LOGIN_UI_ROLE } from '../pages/login-ui-role';
import { credentialFields } from './credential-fields';

export interface LoginPageModel {
  loginRequest: LoginRequest;
  csrfToken: string;
  /** Shown above the form after a failed attempt; always the same generic words (case 12). */
  error?: string;
}

/**
 * The sign-in form. The challenge travels along in a hidden field so the POST knows which login
 * request it answers; the username is never echoed back, so every failure renders the same page.
 */
export function renderLoginPage({ loginRequest, csrfToken, error }: LoginPageModel): string {
  return renderPage(
    LOGIN_UI_ROLE,
    'Sign in',
    html`<h1>Sign in to continue to ${loginRequest.client.client_name}</h1>
      <p>
        <code>${loginRequest.client.client_id}</code> sent you here through auth-server. Your
        password stays with login-ui: the application never sees it.
      </p>
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
      <form method="post" action="/login">
        <input type="hidden" name="login_challenge" value="${loginRequest.challenge}" />
        <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />
        ${credentialFields()}
      </form>`,
  );
}
