// The browser-like client of the full-flow measurement (`npm run bench`): the same minimal browser
// as the cross-service test's (apps/flow-e2e/src/support/browser.ts) and flow-cli's
// (apps/flow-cli/src/browser.ts), in plain JavaScript because tools/ may not import an app: one
// cookie jar for every origin (localhost shares cookies across ports), redirects followed one hop at
// a time, forms posted as application/x-www-form-urlencoded with their hidden fields. Each hop's
// time is recorded under a label, so the report can say where a flow spends its time.
import { createHash, randomBytes } from 'node:crypto';
import * as cheerio from 'cheerio';
import { CookieJar } from 'tough-cookie';

export class Browser {
  jar = new CookieJar();
  /** [label, milliseconds] of every request, in order. */
  timings = [];

  /** One request, no redirect following; `label` names it in `timings`. */
  async request(label, method, url, form) {
    const started = performance.now();
    const headers = { accept: 'text/html' };
    const cookies = await this.jar.getCookieString(url);
    if (cookies) {
      headers.cookie = cookies;
    }
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(url, {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(10000),
    });
    for (const cookie of response.headers.getSetCookie()) {
      await this.jar.setCookie(cookie, url);
    }
    const body = await response.text();
    this.timings.push([label, performance.now() - started]);
    const location = response.headers.get('location');
    return {
      url,
      status: response.status,
      location: location === null ? undefined : new URL(location, url),
      body,
    };
  }

  /**
   * Follows redirects (GET after 302/303) until a page, or until `stopAt` wants the next URL;
   * each hop is labelled by `labelOf(url)`.
   */
  async follow(hop, labelOf, stopAt = () => false) {
    let current = hop;
    for (let redirects = 0; isRedirect(current); redirects++) {
      if (redirects >= 10) {
        throw new Error(`too many redirects after ${current.url}`);
      }
      if (stopAt(current.location)) {
        return { stoppedAt: current.location };
      }
      current = await this.request(labelOf(current.location), 'GET', current.location.toString());
    }
    return { ...current, $: cheerio.load(current.body) };
  }

  /** Posts the one form matching `selector` with its hidden fields and `values`. */
  async submit(label, page, selector, values) {
    const form = page.$(selector);
    if (form.length !== 1) {
      throw new Error(`expected one form ${selector} at ${page.url}, found ${form.length}`);
    }
    const fields = {};
    form.find('input[type=hidden]').each((_, input) => {
      const name = page.$(input).attr('name');
      if (name) {
        fields[name] = page.$(input).attr('value') ?? '';
      }
    });
    const action = new URL(form.attr('action') ?? page.url, page.url).toString();
    return this.request(label, 'POST', action, { ...fields, ...values });
  }
}

export function isRedirect(hop) {
  return hop.status >= 300 && hop.status < 400 && hop.location !== undefined;
}

/** Names a GET by the service and path it goes to (the redirect hops of the flow). */
function hopLabel(urls) {
  const names = { authServer: 'auth-server', loginUi: 'login-ui', clientWeb: 'client-web' };
  const services = Object.entries(names).map(([key, name]) => [new URL(urls[key]).origin, name]);
  return (url) => {
    const service = services.find(([origin]) => origin === url.origin)?.[1] ?? url.origin;
    return `GET ${service} ${url.pathname}`;
  };
}

function asPage(result, what) {
  if ('stoppedAt' in result) {
    throw new Error(`expected ${what}, stopped at ${result.stoppedAt.toString()}`);
  }
  return result;
}

/**
 * The six steps as alice (or `user`), through client-web, exactly as flow-cli walks them: /connect,
 * /authorize, login-ui's sign-in (the password hash), consent (Allow), the callback where
 * client-web exchanges the code (steps 3-4, back channel), and the home page where client-web calls
 * resource-api (steps 5-6). A new browser every time: a fresh login, a consent page, no session.
 * Returns the hop timings; throws unless the home page shows alice's notes.
 */
export async function sixStepFlow(urls, user) {
  const browser = new Browser();
  const labelOf = hopLabel(urls);
  const isCallback = (next) =>
    next.origin === new URL(urls.clientWeb).origin && next.pathname === '/callback';

  // Step 1: Connect → the authorization request → login-ui's sign-in page.
  const connect = await browser.request(
    'GET client-web /connect',
    'GET',
    `${urls.clientWeb}/connect`,
  );
  const loginPage = asPage(await browser.follow(connect, labelOf), 'the sign-in page');
  // Step 2: the password (scrypt at login-ui), the consent page, Allow, the redirect with the code.
  const afterLogin = await browser.submit(
    'POST login-ui /login',
    loginPage,
    'form[action="/login"]',
    {
      username: user.username,
      password: user.password,
    },
  );
  if (!isRedirect(afterLogin)) {
    throw new Error(`login-ui answered ${afterLogin.status} to the sign-in`);
  }
  const consentPage = asPage(await browser.follow(afterLogin, labelOf), 'the consent page');
  const afterConsent = await browser.submit(
    'POST login-ui /consent',
    consentPage,
    'form[action="/consent"]',
    { decision: 'allow' },
  );
  const callback = await browser.follow(afterConsent, labelOf, isCallback);
  if (!('stoppedAt' in callback) || !callback.stoppedAt.searchParams.get('code')) {
    throw new Error('the browser did not come back to client-web with a code');
  }
  // Steps 3-4: the callback; client-web exchanges the code at /token and answers 303 home.
  const exchanged = await browser.request(
    'GET client-web /callback (steps 3-4)',
    'GET',
    callback.stoppedAt.toString(),
  );
  if (!isRedirect(exchanged)) {
    throw new Error(`client-web answered ${exchanged.status} to the callback`);
  }
  // Steps 5-6: the home page, rendered after client-web called resource-api with the token.
  const home = asPage(
    await browser.follow(exchanged, (url) =>
      url.pathname === '/' ? 'GET client-web / (steps 5-6)' : labelOf(url),
    ),
    'the home page',
  );
  if (home.$('[data-testid="note"]').length === 0) {
    const why =
      home.$('[data-testid="token-rejected"], [data-testid="resource-api-unavailable"]').text() ||
      `status ${home.status}`;
    throw new Error(`the home page shows no notes: ${why.trim()}`);
  }
  return browser.timings;
}

/**
 * Steps 1-4 with client-web's registration (as apps/flow-e2e/src/support/oauth-client.ts does), so
 * the bench holds a refresh token of its own. `browser` keeps login-ui's session between calls and
 * the consent is remembered: only the first call hashes a password.
 */
export async function refreshTokenFor(urls, browser, user, client) {
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${urls.clientWeb}/callback`;
  const authorize = new URL(`${urls.authServer}/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.id,
    redirect_uri: redirectUri,
    scope: 'openid offline_access notes:read',
    state: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const labelOf = () => 'setup';
  const isCallback = (next) => next.toString().startsWith(redirectUri);
  let result = await browser.follow(
    await browser.request('setup', 'GET', authorize.toString()),
    labelOf,
    isCallback,
  );
  if (!('stoppedAt' in result) && result.$('form[action="/login"]').length === 1) {
    result = await browser.follow(
      await browser.submit('setup', result, 'form[action="/login"]', user),
      labelOf,
      isCallback,
    );
  }
  if (!('stoppedAt' in result) && result.$('form[action="/consent"]').length === 1) {
    result = await browser.follow(
      await browser.submit('setup', result, 'form[action="/consent"]', {
        decision: 'allow',
        remember: 'yes',
      }),
      labelOf,
      isCallback,
    );
  }
  const code = 'stoppedAt' in result ? result.stoppedAt.searchParams.get('code') : null;
  if (!code) {
    throw new Error('no code at the callback while preparing refresh tokens');
  }
  const response = await fetch(`${urls.authServer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basic(client),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  const body = await response.json();
  if (response.status !== 200 || typeof body.refresh_token !== 'string') {
    throw new Error(`the code exchange answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.refresh_token;
}

export function basic(client) {
  return `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
}
