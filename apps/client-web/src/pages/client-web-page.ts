import { html, type PageRole, type SafeHtml, renderPage } from '@oauth-flow-lab/html';

export const CLIENT_WEB_PAGE_ROLE: PageRole = {
  app: 'client-web',
  role: 'the client: "Notes Reader", a third-party app',
  accent: '#0969da',
};

/**
 * Every client-web page: the shared layout with this app's header, and this app's own links above
 * the page body: home, and the flow view (GET /flow), so each step can be watched from any page.
 */
export function clientWebPage(title: string, body: SafeHtml): string {
  return renderPage(
    CLIENT_WEB_PAGE_ROLE,
    title,
    html`<nav data-testid="client-web-nav" style="margin-bottom: 1rem">
        <a href="/">Notes Reader</a> · <a href="/flow">Flow</a>
      </nav>
      ${body}`,
  );
}
