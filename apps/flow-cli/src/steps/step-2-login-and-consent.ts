// Step 2, RFC 6749 §4.1.1-§4.1.2 (and RFC 9207 for `iss`): the user authenticates at login-ui and
// consents; login-ui reports both to auth-server through its admin API (Ory Hydra style), and
// auth-server redirects the browser to client-web's redirect_uri with a single-use code.
import { Browser, isRedirect, type Page, textOf } from '../browser';
import type { AuthorizationRequest, FlowContext } from '../flow-context';
import { redactParameter } from '../secrets';

export async function logInAndConsent(
  ctx: FlowContext,
  request: AuthorizationRequest,
): Promise<URL> {
  const { browser, printer } = ctx;
  const first = await browser.follow(await browser.send('GET', request.next), isCallback(ctx));
  if (first instanceof URL) {
    printer.explain('login-ui knew the user and the consent was remembered: no page was shown.');
    return checkAuthorizationResponse(ctx, request, first);
  }
  const afterLogin = await signIn(ctx, first);
  if (afterLogin instanceof URL) {
    printer.explain(
      'The consent was remembered (Remember this decision): login-ui accepted it without a page.',
    );
    return checkAuthorizationResponse(ctx, request, afterLogin);
  }
  return checkAuthorizationResponse(ctx, request, await consent(ctx, afterLogin));
}

function isCallback(ctx: FlowContext): (next: URL) => boolean {
  return (next) => next.origin === ctx.clientWeb.origin && next.pathname === '/callback';
}

/** login-ui's sign-in form (login/login.page.ts): username and password, the challenge hidden. */
async function signIn(ctx: FlowContext, page: Page): Promise<Page | URL> {
  const { browser, printer, options } = ctx;
  if (page.$('form[action="/login"]').length === 0) {
    return page;
  }
  printer.explain(`login-ui shows "${textOf(page, 'h1') ?? 'Sign in'}".`);
  printer.explain(
    `${options.username} types the password into login-ui's form: it goes to login-ui only, never to client-web.`,
  );
  const { action, fields } = Browser.form(page, 'form[action="/login"]');
  const answer = await browser.send('POST', action, {
    ...fields,
    username: options.username,
    password: options.password,
  });
  if (!isRedirect(answer)) {
    const why = textOf(await browser.follow(answer).then(asPage), '[role=alert]');
    throw new Error(`login-ui answered ${answer.status}${why ? `: ${why}` : ''}`);
  }
  printer.passed(
    'login-ui checked the password and accepted the login request at auth-server (admin API)',
  );
  return browser.follow(answer, isCallback(ctx));
}

/** login-ui's consent page (consent/consent.page.ts): the requested scopes, Allow or Deny. */
async function consent(ctx: FlowContext, page: Page): Promise<URL> {
  const { browser, printer } = ctx;
  if (page.$('form[action="/consent"]').length === 0) {
    const why = textOf(page, '[role=alert]') ?? textOf(page, 'h1') ?? '';
    throw new Error(`expected the consent page, got ${page.status} at ${page.url.pathname} ${why}`);
  }
  printer.explain(`login-ui asks: "${textOf(page, 'h1') ?? ''}"`);
  const scopes = page
    .$('li[data-scope]')
    .toArray()
    .map((item): [string, string] => {
      const element = page.$(item);
      const code = element.find('small').text();
      const words = element.text().replace(code, '').replace(/\s+/g, ' ').trim();
      return [element.attr('data-scope') ?? '', words];
    });
  printer.fields(scopes);
  printer.explain('The CLI clicks Allow.');
  const { action, fields } = Browser.form(page, 'form[action="/consent"]');
  const result = await browser.follow(
    await browser.send('POST', action, { ...fields, decision: 'allow' }),
    isCallback(ctx),
  );
  if (!(result instanceof URL)) {
    const why = textOf(result, '[role=alert]') ?? textOf(result, 'h1') ?? '';
    throw new Error(`the browser did not come back to client-web: ${result.status} ${why}`);
  }
  return result;
}

/** RFC 6749 §4.1.2 and RFC 9207: code, the same state, and iss naming auth-server. */
function checkAuthorizationResponse(
  ctx: FlowContext,
  request: AuthorizationRequest,
  callback: URL,
): URL {
  const { printer } = ctx;
  const params = callback.searchParams;
  const error = params.get('error');
  if (error !== null) {
    throw new Error(`auth-server sent the browser back with error=${error}`);
  }
  printer.explain('The authorization response, in the redirect to client-web /callback:');
  printer.fields(
    ['code', 'state', 'iss'].map((name) => [
      name,
      redactParameter(name, params.get(name) ?? '(missing)'),
    ]),
  );
  if (!params.get('code')) {
    throw new Error('the redirect to /callback carries no code');
  }
  if (params.get('state') !== request.state || params.get('iss') !== request.authServer) {
    throw new Error('state or iss in the redirect to /callback do not match the request');
  }
  printer.passed('a single-use code, the state sent in step 1, and iss = auth-server');
  return callback;
}

function asPage(result: Page | URL): Page {
  if (result instanceof URL) {
    throw new Error(`unexpected redirect to ${result.origin}${result.pathname}`);
  }
  return result;
}
