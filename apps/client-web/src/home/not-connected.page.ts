import { html } from '@oauth-flow-lab/html';
import { clientWebPage } from '../pages/client-web-page';
import type { NotConnectedView } from './home.view';

/** Before step 1: what this app is, and the link that starts the flow. */
export function notConnectedPage(view: NotConnectedView): string {
  return clientWebPage(
    'Notes Reader',
    html`<h1>Notes Reader</h1>
      ${
        view.flash
          ? html`<p role="status" data-testid="flash"><strong>${view.flash}</strong></p>`
          : ''
      }
      <p>
        Notes Reader is a third-party app: it would like to read the notes you keep on resource-api
        (and add new ones). It never sees your password: you log in at auth-server, not here, and
        decide there what Notes Reader may do.
      </p>
      <p>
        Connecting runs the OAuth 2.0 authorization-code flow. Notes Reader sends your browser to
        auth-server (step 1), where you log in and consent (step 2). auth-server sends you back here
        with a one-time code, which Notes Reader exchanges, with its own client credentials and a
        PKCE verifier, for an access token (steps 3 and 4). With that token it asks resource-api for
        your notes (steps 5 and 6).
      </p>
      <p><a href="/connect">Connect</a></p>`,
  );
}
