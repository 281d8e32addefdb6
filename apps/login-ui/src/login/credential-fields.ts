import { html, type SafeHtml } from '@oauth-flow-lab/html';

/**
 * The fields of both sign-in forms (the login challenge's, step 2, and /apps'): username, password,
 * "Keep me signed in" and the submit button. The password goes to login-ui only, never to a client.
 */
export function credentialFields(): SafeHtml {
  return html`<label for="username">Username</label>
    <input type="text" id="username" name="username" autocomplete="username" required autofocus />
    <label for="password">Password</label>
    <input type="password" id="password" name="password" autocomplete="current-password" required />
    <label>
      <input type="checkbox" name="keep_signed_in" value="yes" />
      Keep me signed in
    </label>
    <button type="submit">Sign in</button>`;
}
