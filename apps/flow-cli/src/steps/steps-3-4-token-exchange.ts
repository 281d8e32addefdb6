// Steps 3 and 4, RFC 6749 §4.1.3-§4.1.4 with PKCE (RFC 7636 §4.5) and RFC 9068 access tokens: the
// browser brings the code to client-web, which exchanges it at auth-server's /token on the back
// channel, server to server. The CLI, like the browser, never sees that request; it sees its outcome.
import { isRedirect, type Page, textOf } from '../browser';
import type { FlowContext } from '../flow-context';
import { redactClaims } from '../secrets';

/** Step 3: GET /callback; client-web checks state and iss, then POSTs the code to /token. */
export async function presentCode(ctx: FlowContext, callback: URL): Promise<void> {
  const { browser, printer } = ctx;
  printer.explain(
    'The browser brings the code to client-web. While answering, client-web checks state and iss and then, server-side (the back channel, never through the browser), sends:',
  );
  printer.fields([
    ['POST', '<auth-server>/token (application/x-www-form-urlencoded)'],
    ['Authorization', 'Basic client-web:•••• (client_secret_basic)'],
    ['grant_type', 'authorization_code'],
    ['code', 'the code above, single-use, valid 60 s'],
    ['redirect_uri', `${ctx.clientWeb.origin}/callback`],
    ['code_verifier', 'the secret whose SHA-256 was the code_challenge of step 1'],
  ]);
  const answer = await browser.send('GET', callback);
  if (!isRedirect(answer) || answer.location.origin !== ctx.clientWeb.origin) {
    const page = await browser.follow(answer);
    const why = page instanceof URL ? '' : (textOf(page, '[data-testid="error"]') ?? '');
    throw new Error(`client-web could not exchange the code: ${answer.status} ${why}`.trim());
  }
  printer.passed(
    'client-web answered 303 home: auth-server accepted its credentials, the code and the verifier',
  );
}

/** Step 4: what auth-server answered, as client-web shows it (decoded, for learning). */
export async function showTokens(ctx: FlowContext): Promise<Page> {
  const { browser, printer } = ctx;
  const home = await browser.follow(await browser.send('GET', new URL('/', ctx.clientWeb)));
  if (home instanceof URL) {
    throw new Error('client-web home redirected unexpectedly');
  }
  const header = readJson(home, 'access-token-header');
  const claims = readJson(home, 'access-token-claims');
  if (header === undefined || claims === undefined) {
    throw new Error(`client-web shows no access token (${home.status})`);
  }
  printer.explain(
    'auth-server answered client-web 200 {access_token, token_type: "Bearer", expires_in, scope, refresh_token, id_token}; client-web keeps the tokens in its session and shows them decoded:',
  );
  printer.json('access token header', header);
  printer.json('access token claims (RFC 9068: for resource-api)', redactClaims(claims));
  const idClaims = readJson(home, 'id-token-claims');
  if (idClaims !== undefined) {
    printer.json(
      'id_token claims (OpenID Connect: for client-web, who logged in)',
      redactClaims(idClaims),
    );
  }
  const signedInAs = textOf(home, '[data-testid="signed-in-as"]');
  if (signedInAs !== undefined) {
    printer.explain(`client-web says: "${signedInAs}"`);
  }
  if (header.typ !== 'at+jwt') {
    throw new Error(`the access token's typ is ${String(header.typ)}, not at+jwt`);
  }
  printer.passed(
    `a JWT access token (typ at+jwt, alg ${String(header.alg)}) for ${String(claims.aud)}`,
  );
  return home;
}

/** The JSON object in `<pre data-testid=…>`, or undefined when the page has none. */
function readJson(page: Page, testId: string): Record<string, unknown> | undefined {
  const text = page.$(`[data-testid="${testId}"]`).first().text();
  if (text === '') {
    return undefined;
  }
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
