import { asPage, asStop, Browser, type Page } from './support/browser';
import { queryDatabase } from './support/database';
import { readFileSync } from 'node:fs';
import { type LocalServices, SERVICE_NAMES, startServices } from '@oauth-flow-lab/testing';

const ALICE_SUBJECT = '3f8a6c2e-9d41-4b7a-8e15-6c0f2b9d7a14';

/**
 * The six steps of the authorization-code flow, walked over real HTTP between the four real
 * services, as a browser would. The tests of the first describe build on each other, in order.
 */
describe('the authorization-code flow across the four services', () => {
  let services: LocalServices;

  beforeAll(async () => {
    services = await startServices();
  }, 60000);

  afterAll(async () => {
    await services?.stop();
  });

  describe('alice connects Notes Reader and reads her notes', () => {
    const browser = new Browser();
    let authorizeUrl: URL;
    let callbackUrl: URL;
    let home: Page;

    it('step 1: client-web redirects to /authorize with state and an S256 challenge', async () => {
      authorizeUrl = asStop(
        await browser.navigate('GET', `${services.urls.clientWeb}/connect`, undefined, (next) =>
          next.toString().startsWith(`${services.urls.authServer}/authorize`),
        ),
      );
      const params = authorizeUrl.searchParams;
      expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(
        `${services.urls.authServer}/authorize`,
      );
      expect(params.get('response_type')).toBe('code');
      expect(params.get('client_id')).toBe('client-web');
      expect(params.get('redirect_uri')).toBe(`${services.urls.clientWeb}/callback`);
      expect(params.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['notes:read']));
      expect(params.get('state')).toMatch(/^.{16,}$/);
      expect(params.get('code_challenge_method')).toBe('S256');
      expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('step 2: alice logs in and consents at login-ui, and the browser brings the code to client-web', async () => {
      const loginPage = await browser.open(authorizeUrl.toString());
      expect(loginPage.url.startsWith(`${services.urls.loginUi}/login?login_challenge=`)).toBe(
        true,
      );
      expect(loginPage.html).toContain('Notes Reader');

      const consentPage = asPage(
        await browser.submit(loginPage, 'form[action="/login"]', {
          username: 'alice',
          password: 'wonderland',
        }),
      );
      expect(
        consentPage.url.startsWith(`${services.urls.loginUi}/consent?consent_challenge=`),
      ).toBe(true);
      expect(consentPage.html).toContain('Read your notes');

      callbackUrl = asStop(
        await browser.submit(
          consentPage,
          'form[action="/consent"]',
          { decision: 'allow' },
          (next) => next.toString().startsWith(`${services.urls.clientWeb}/callback`),
        ),
      );
      expect(callbackUrl.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(callbackUrl.searchParams.get('state')).toBe(authorizeUrl.searchParams.get('state'));
      expect(callbackUrl.searchParams.get('iss')).toBe(services.urls.authServer);
    });

    it('step 3: client-web presents its credentials and the code to auth-server', async () => {
      const result = await browser.navigate(
        'GET',
        callbackUrl.toString(),
        undefined,
        (next) => next.origin === services.urls.clientWeb,
      );
      const landing = asStop(result);
      expect(landing.pathname).toBe('/');
      const codes = await queryDatabase<{
        client_id: string;
        subject: string;
        consumed_at: number | null;
      }>(
        services,
        'auth-server',
        'SELECT client_id, subject, consumed_at FROM authorization_codes',
      );
      expect(codes).toEqual([
        { client_id: 'client-web', subject: ALICE_SUBJECT, consumed_at: expect.any(Number) },
      ]);
    });

    it('step 4: auth-server issues an RFC 9068 JWT access token to client-web', async () => {
      home = await browser.open(`${services.urls.clientWeb}/`);
      const header = JSON.parse(home.$('[data-testid="access-token-header"]').text()) as Record<
        string,
        unknown
      >;
      const claims = JSON.parse(home.$('[data-testid="access-token-claims"]').text()) as Record<
        string,
        unknown
      >;
      expect(header).toMatchObject({ typ: 'at+jwt', alg: 'RS256', kid: expect.any(String) });
      expect(claims).toMatchObject({
        iss: services.urls.authServer,
        sub: ALICE_SUBJECT,
        aud: services.urls.resourceApi,
        client_id: 'client-web',
        jti: expect.any(String),
        grant_id: expect.any(String),
      });
      expect(String(claims.scope).split(' ')).toEqual(expect.arrayContaining(['notes:read']));
      // Nothing is stored per access token; it names its grant: the code redeemed in step 3.
      const redeemed = await queryDatabase<{ code_digest: string }>(
        services,
        'auth-server',
        'SELECT code_digest FROM authorization_codes WHERE consumed_at IS NOT NULL',
      );
      expect(redeemed.map((row) => row.code_digest)).toEqual([claims.grant_id]);
    });

    it('step 5: client-web calls resource-api with the access token and shows alice her notes', () => {
      const notes = home
        .$('[data-testid="note"]')
        .map((_, el) => home.$(el).text())
        .get();
      expect(notes).toHaveLength(2);
      expect(notes.join(' ')).toMatch(/alice/i);
      expect(notes.join(' ')).not.toMatch(/bob/i);
    });

    it('step 6: resource-api validates the token: without one it answers 401 Bearer', async () => {
      const response = await fetch(`${services.urls.resourceApi}/notes`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      // With the token (through client-web), alice's notes were served: see step 5.
      expect(home.$('[data-testid="note"]').length).toBe(2);
    });
  });

  it('Deny: the user refuses consent and client-web shows "You declined"', async () => {
    const browser = new Browser();
    const loginPage = await browser.open(`${services.urls.clientWeb}/connect`);
    const consentPage = asPage(
      await browser.submit(loginPage, 'form[action="/login"]', {
        username: 'bob',
        password: 'builder',
      }),
    );
    const callback = asStop(
      await browser.submit(consentPage, 'form[action="/consent"]', { decision: 'deny' }, (next) =>
        next.toString().startsWith(`${services.urls.clientWeb}/callback`),
      ),
    );
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('iss')).toBe(services.urls.authServer);
    const declined = await browser.open(callback.toString());
    expect(declined.html).toContain('You declined');
  });

  it('wrong password: login-ui answers 401 with one generic message and no redirect', async () => {
    const browser = new Browser();
    const loginPage = await browser.open(`${services.urls.clientWeb}/connect`);
    const again = asPage(
      await browser.submit(loginPage, 'form[action="/login"]', {
        username: 'alice',
        password: 'not-her-password',
      }),
    );
    expect(again.status).toBe(401);
    expect(again.html).toContain('Invalid username or password');
    expect(again.$('form[action="/login"]').length).toBe(1);
  });

  it('runs each service with the runtime settings of npm start, the bench and the Dockerfile', () => {
    for (const name of SERVICE_NAMES) {
      for (const pid of services.processIds(name)) {
        const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
        expect({ name, environment }).toEqual({
          name,
          environment: expect.arrayContaining([
            'MALLOC_ARENA_MAX=2',
            expect.stringMatching(/^NODE_OPTIONS=.*--max-old-space-size=96/),
          ]) as unknown,
        });
      }
    }
    expect(SERVICE_NAMES.flatMap((name) => services.processIds(name)).length).toBeGreaterThan(3);
  });
});
