// Server-rendered HTML for the apps that show pages (auth-server's error page, login-ui, client-web).
export { SafeHtml, html, type HtmlValue } from './html';
export { renderPage, type PageRole } from './page';
