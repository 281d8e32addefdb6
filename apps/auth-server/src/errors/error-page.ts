import { html, type PageRole, renderPage } from '@oauth-flow-lab/html';

export const AUTH_SERVER_PAGE_ROLE: PageRole = {
  app: 'auth-server',
  role: 'the authorization server',
  accent: '#6f42c1',
};

/** The page shown when auth-server cannot send the browser back to a client. */
export function errorPage(title: string, description: string): string {
  return renderPage(
    AUTH_SERVER_PAGE_ROLE,
    title,
    html`<h1>${title}</h1>
      <p class="error" data-testid="error">${description}</p>
      <p>
        auth-server did not send you back to the application, because it could not be sure where it
        would be sending you. Start again from the application.
      </p>`,
  );
}
