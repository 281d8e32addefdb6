import { asPage, asStop, Browser } from './support/browser';
import { CLIENT_WEB, connect, postForm } from './support/oauth-client';
import { type RunningServices, startServices } from '@oauth-flow-lab/testing';

const ALICE = { username: 'alice', password: 'wonderland' };

/**
 * Remembered consent and connected apps across the services: login-ui keeps alice signed in and
 * remembers her decision, so the next authorization goes through without a page; revoking the app at
 * login-ui's /apps ends the app's refresh tokens at auth-server.
 */
describe('remembered consent and connected apps across the services', () => {
  let services: RunningServices;
  const browser = new Browser();

  beforeAll(async () => {
    services = await startServices();
  }, 60000);

  afterAll(async () => {
    await services?.stop();
  });

  it('first authorization: alice signs in with "Keep me signed in" and allows with "Remember this decision"', async () => {
    const loginPage = await browser.open(`${services.urls.clientWeb}/connect`);
    const consentPage = asPage(
      await browser.submit(loginPage, 'form[action="/login"]', { ...ALICE, keep_signed_in: 'yes' }),
    );
    const home = asPage(
      await browser.submit(consentPage, 'form[action="/consent"]', {
        decision: 'allow',
        remember: 'yes',
      }),
    );
    expect(home.url).toBe(`${services.urls.clientWeb}/`);
    expect(home.$('[data-testid="note"]').length).toBe(2);
  });

  it('second authorization: neither the login form nor the consent screen is shown, and the code arrives', async () => {
    const hopsBefore = browser.hops.length;
    const callback = asStop(
      await browser.navigate('GET', `${services.urls.clientWeb}/connect`, undefined, (next) =>
        next.toString().startsWith(`${services.urls.clientWeb}/callback`),
      ),
    );
    expect(callback.searchParams.get('code')).toEqual(expect.any(String));
    const pages = browser.hops
      .slice(hopsBefore)
      .filter((hop) => hop.url.startsWith(services.urls.loginUi));
    expect(pages.map((hop) => [new URL(hop.url).pathname, hop.status])).toEqual([
      ['/login', 303],
      ['/consent', 303],
    ]);
  });

  it('revoking Notes Reader at login-ui /apps ends its refresh tokens at auth-server', async () => {
    const tokens = await connect(services, ALICE, 'offline_access notes:read');
    const active = await postForm(
      services,
      '/introspect',
      { token: tokens.refresh_token ?? '' },
      CLIENT_WEB,
    );
    expect(active.body).toMatchObject({ active: true });

    const apps = await browser.open(`${services.urls.loginUi}/apps`);
    expect(apps.html).toContain('Notes Reader');
    const afterRevoke = asPage(
      await browser.submit(apps, 'form[action="/apps/client-web/revoke"]', {}),
    );
    expect(afterRevoke.status).toBe(200);

    const inactive = await postForm(
      services,
      '/introspect',
      { token: tokens.refresh_token ?? '' },
      CLIENT_WEB,
    );
    expect(inactive.body).toEqual({ active: false });
    const refresh = await postForm(
      services,
      '/token',
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' },
      CLIENT_WEB,
    );
    expect(refresh.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('after the revoke, the consent screen is shown again', async () => {
    const consentPage = await browser.open(`${services.urls.clientWeb}/connect`);
    expect(consentPage.url.startsWith(`${services.urls.loginUi}/consent`)).toBe(true);
    expect(consentPage.$('form[action="/consent"]').length).toBe(1);
  });
});
