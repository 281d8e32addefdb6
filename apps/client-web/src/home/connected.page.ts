import { html, type SafeHtml } from '@oauth-flow-lab/html';
import { CSRF_FIELD_NAME } from '../csrf/csrf.service';
import type { Note } from '@oauth-flow-lab/contracts';
import type { ResourceApiResult } from '../notes/resource-api.client';
import { clientWebPage } from '../pages/client-web-page';
import type { ConnectedView } from './home.view';
import { tokensSideBySide } from './tokens-side-by-side';

/** Step 5: the notes read with the access token, the token itself (decoded, to learn), and forms. */
export function connectedPage(view: ConnectedView): string {
  const { connection, csrfToken } = view;
  const remaining = connection.expiresAt - view.now;
  return clientWebPage(
    'Your notes',
    html`<h1>Your notes</h1>
      ${
        view.signedInAs === null
          ? ''
          : html`<p data-testid="signed-in-as">Signed in as <strong>${view.signedInAs}</strong></p>`
      }
      ${
        view.flash
          ? html`<p role="status" data-testid="flash"><strong>${view.flash}</strong></p>`
          : ''
      }
      ${
        view.notice
          ? html`<p role="status" data-testid="token-notice"><strong>${view.notice}</strong></p>`
          : ''
      }
      ${notesSection(view.notes)}
      <h2>Create a note</h2>
      <form method="post" action="/notes">
        <input type="hidden" name="${CSRF_FIELD_NAME}" value="${csrfToken}" />
        <label for="title">Title</label>
        <input type="text" id="title" name="title" required maxlength="200" />
        <label for="body">Text</label>
        <input type="text" id="body" name="body" required maxlength="5000" />
        <button type="submit">Create (needs notes:write)</button>
      </form>
      <h2>The tokens</h2>
      <p>
        Granted scope: <code data-testid="granted-scope">${connection.scope}</code><br />
        Expires: ${new Date(connection.expiresAt * 1000).toISOString()}
        (${remaining > 0 ? `in ${Math.ceil(remaining / 60)} min` : 'expired'})
      </p>
      <p>
        Notes Reader keeps the token on its server, in your session, together with the refresh token
        it uses to get a new access token when this one expires; your browser only has a session
        cookie. A client treats the access token as opaque and must not rely on what is inside: it
        is written by auth-server for resource-api, and nothing here checks its signature. It is
        decoded below only so you can see what it carries.
      </p>
      ${tokensSideBySide(view)}
      <form method="post" action="/disconnect">
        <input type="hidden" name="${CSRF_FIELD_NAME}" value="${csrfToken}" />
        <button type="submit" class="secondary">Disconnect</button>
      </form>`,
  );
}

function notesSection(notes: ResourceApiResult<Note[]>): SafeHtml {
  switch (notes.kind) {
    case 'ok':
      return notes.value.length === 0
        ? html`<p>You have no notes yet.</p>`
        : html`<ul>
            ${notes.value.map(
              (note) =>
                html`<li data-testid="note">
                  <strong>${note.title ?? `Note ${note.id}`}</strong>
                  ${note.body ? html`<div>${note.body}</div>` : ''}
                </li>`,
            )}
          </ul>`;
    case 'token-rejected':
      return html`<p class="error" data-testid="token-rejected">
          resource-api rejected the access token (401,
          <code>WWW-Authenticate: ${notes.challenge}</code>). It may have expired or been revoked.
        </p>
        <p><a href="/connect">Connect again</a></p>`;
    case 'insufficient-scope':
      return html`<p class="error" data-testid="insufficient-scope">
        The access token does not carry the scope needed to read notes (403,
        <code>WWW-Authenticate: ${notes.challenge}</code>).
      </p>`;
    case 'unavailable':
      return html`<p class="error" data-testid="resource-api-unavailable">
        Your notes could not be loaded: ${notes.reason}
      </p>`;
  }
}
