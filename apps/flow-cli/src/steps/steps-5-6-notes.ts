// Steps 5 and 6, RFC 6750 §2.1 and RFC 9068 §4: client-web calls resource-api with the access token
// in the Authorization header; resource-api validates it against auth-server's JWKS and serves.
// Both happen server-side while client-web renders its home page; the CLI reads their outcome there.
import { type Page, textOf } from '../browser';
import type { FlowContext } from '../flow-context';

/** Step 5: the call client-web made, and whether resource-api could be reached at all. */
export function callTheApi(ctx: FlowContext, home: Page): void {
  const { printer } = ctx;
  const audience = audienceOf(home);
  printer.explain('Server-side, while rendering the page, client-web has sent:');
  printer.fields([
    ['GET', `${audience}/notes`],
    ['Authorization', 'Bearer <the access token of step 4>'],
  ]);
  const unavailable = textOf(home, '[data-testid="resource-api-unavailable"]');
  if (unavailable !== undefined) {
    throw new Error(unavailable);
  }
  printer.passed('client-web reached resource-api with the token; the browser never holds it');
}

/** Step 6: resource-api's verdict: the notes, or an RFC 6750 error. */
export function readNotes(ctx: FlowContext, home: Page): void {
  const { printer } = ctx;
  const refused =
    textOf(home, '[data-testid="token-rejected"]') ??
    textOf(home, '[data-testid="insufficient-scope"]');
  if (refused !== undefined) {
    throw new Error(refused);
  }
  printer.explain(
    "resource-api checked the signature (auth-server JWKS), alg, typ, iss, aud, exp and the scope notes:read, then served the notes of the token's sub:",
  );
  const notes = home.$('[data-testid="note"]').toArray();
  for (const note of notes) {
    const title = home.$(note).find('strong').first().text().trim();
    const body = home.$(note).find('div').first().text().replace(/\s+/g, ' ').trim();
    printer.fields([['•', body ? `${title}: ${body}` : title]]);
  }
  printer.passed(`${notes.length} note${notes.length === 1 ? '' : 's'} served`);
}

function audienceOf(home: Page): string {
  const text = home.$('[data-testid="access-token-claims"]').first().text();
  const match = /"aud":\s*"([^"]+)"/.exec(text);
  return match?.[1] ?? '<resource-api>';
}
