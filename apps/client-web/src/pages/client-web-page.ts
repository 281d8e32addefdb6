import { type PageRole, type SafeHtml, renderPage } from '@oauth-flow-lab/html';

export const CLIENT_WEB_PAGE_ROLE: PageRole = {
  app: 'client-web',
  role: 'the client: "Notes Reader", a third-party app',
  accent: '#0969da',
};

/** Every client-web page: the shared layout with this app's header. */
export function clientWebPage(title: string, body: SafeHtml): string {
  return renderPage(CLIENT_WEB_PAGE_ROLE, title, body);
}
