import { html, type SafeHtml } from './html';

/** Which of the four roles renders the page: shown in the header so a learner always knows where they are. */
export interface PageRole {
  /** e.g. "client-web" */
  app: string;
  /** e.g. "the client (a third-party app)" */
  role: string;
  /** accent colour of this app's header */
  accent: string;
}

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  header { color: #fff; padding: 0.75rem 1.5rem; display: flex; gap: 1rem; align-items: baseline; }
  header strong { font-size: 1.1rem; }
  main { max-width: 46rem; margin: 1.5rem auto; background: #fff; padding: 1.5rem 2rem;
         border: 1px solid #d0d7de; border-radius: 8px; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; margin: 0.75rem 0 0.25rem; }
  input[type=text], input[type=password] { width: 100%; padding: 0.5rem; box-sizing: border-box; }
  button, .button { padding: 0.5rem 1rem; margin: 1rem 0.5rem 0 0; border-radius: 6px; cursor: pointer;
           border: 1px solid #1f2328; background: #1f2328; color: #fff; text-decoration: none; display: inline-block; }
  button.secondary { background: #fff; color: #1f2328; }
  .error { color: #b42318; background: #fef3f2; border: 1px solid #fecdca; padding: 0.5rem 0.75rem; border-radius: 6px; }
  pre { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; font-size: 0.85rem; }
  code { font-size: 0.9em; }
  table { border-collapse: collapse; } td, th { border-bottom: 1px solid #d0d7de; padding: 0.3rem 0.6rem; text-align: left; }
`;

/** A whole HTML document: the role header, a title and the page's own body. */
export function renderPage(role: PageRole, title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${role.app}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header style="background: ${role.accent}">
          <strong>${role.app}</strong><span>${role.role}</span>
        </header>
        <main>${body}</main>
      </body>
    </html> `.value;
}
