import { html, type SafeHtml } from '@oauth-flow-lab/html';
import type { ConnectedView } from './home.view';

/**
 * The two tokens of an OpenID Connect login, side by side, each decoded (for learning only):
 * - the id_token (OIDC Core §2) is FOR Notes Reader: it says who logged in (authentication). Its
 *   `aud` is client-web; Notes Reader verified it at login (signature, iss, aud, exp, nonce, at_hash).
 * - the access token (RFC 9068) is FOR resource-api: it says what Notes Reader may do
 *   (authorization). Its `aud` is resource-api; Notes Reader treats it as opaque and only sends it.
 */
export function tokensSideBySide(view: ConnectedView): SafeHtml {
  return html`<div style="display: flex; gap: 1rem; flex-wrap: wrap">
    <section style="flex: 1 1 20rem; min-width: 0">
      <h3>id_token: who logged in</h3>
      <p data-testid="id-token-explanation">
        The id_token tells Notes Reader (client-web) who logged in: authentication. Its audience is
        client-web, which checked its signature, issuer, audience, expiry and nonce at login.
      </p>
      ${idTokenParts(view)}
    </section>
    <section style="flex: 1 1 20rem; min-width: 0">
      <h3>access token: what Notes Reader may do</h3>
      <p data-testid="access-token-explanation">
        The access token tells resource-api what Notes Reader may do: authorization. Its audience is
        resource-api; Notes Reader does not read it, it only sends it with each request.
      </p>
      ${accessTokenParts(view)}
    </section>
  </div>`;
}

function idTokenParts(view: ConnectedView): SafeHtml {
  if (view.idToken === null) {
    return html`<p>No id_token: the openid scope was not granted (plain OAuth 2.0).</p>`;
  }
  return html`<h4>Header</h4>
    <pre data-testid="id-token-header">${JSON.stringify(view.idToken.header, null, 2)}</pre>
    <h4>Claims</h4>
    <pre data-testid="id-token-claims">${JSON.stringify(view.idToken.claims, null, 2)}</pre>`;
}

function accessTokenParts(view: ConnectedView): SafeHtml {
  if (view.accessToken === null) {
    return html`<p>This access token is not a JWT: there is nothing to decode.</p>`;
  }
  const header = JSON.stringify(view.accessToken.header, null, 2);
  const claims = JSON.stringify(view.accessToken.claims, null, 2);
  return html`<h4>Header</h4>
    <pre data-testid="access-token-header">${header}</pre>
    <h4>Claims</h4>
    <pre data-testid="access-token-claims">${claims}</pre>`;
}
