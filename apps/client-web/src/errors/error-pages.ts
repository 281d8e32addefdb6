import { html } from '@oauth-flow-lab/html';
import { clientWebPage } from '../pages/client-web-page';

/**
 * The error page. `code` and `description` may come straight from a query string (an authorization
 * response's `error` and `error_description`): the `html` template escapes them
 * (docs/security-cases.md, case 36).
 */
export function errorPage(code: string, description: string): string {
  return clientWebPage(
    'Something went wrong',
    html`<h1>Something went wrong</h1>
      <p class="error">Error code: <code data-testid="error">${code}</code></p>
      ${description ? html`<p data-testid="error-description">${description}</p>` : ''}
      <p><a href="/">Back to Notes Reader</a></p>`,
  );
}

/** RFC 6749 §4.1.2.1 `access_denied`: not a failure, the user chose not to share their notes. */
export function declinedPage(): string {
  return clientWebPage(
    'You declined',
    html`<h1>You declined</h1>
      <p>
        You chose not to let Notes Reader read your notes. auth-server sent your browser back here
        with <code>error=access_denied</code> and no authorization code, so Notes Reader has no
        access to anything.
      </p>
      <p><a href="/">Back to Notes Reader</a></p>`,
  );
}
