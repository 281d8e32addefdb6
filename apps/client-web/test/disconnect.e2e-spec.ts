import request from 'supertest';
import { DisconnectController } from '../src/disconnect/disconnect.controller';
import { page } from './fixtures/browser';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

const BASIC = `Basic ${Buffer.from('client-web:client-web-secret').toString('base64')}`;

/**
 * POST /disconnect: CSRF-protected; it revokes the refresh token at auth-server (RFC 7009) and
 * really forgets the tokens (the session is destroyed), even when auth-server cannot be reached.
 */
describe(DisconnectController.name, () => {
  const world = ClientWebWithFakes.setUp();

  it('refuses Disconnect without the CSRF token, and forgets the session with it', async () => {
    const browser = world.browser();
    world.resourceApi.giveNotes(await world.connect(browser), []);
    const home = await browser.get('/').expect(200);
    const csrfToken = page(home.text).csrfToken('/disconnect');
    const sessionCookie = home.request.cookies
      .split('; ')
      .find((c) => c.startsWith('client_web.sid='));
    expect(sessionCookie).toBeDefined();
    const homeWithOldCookie = () =>
      request(world.app.getHttpServer())
        .get('/')
        .set('Cookie', sessionCookie ?? '')
        .expect(200);
    expect(page((await homeWithOldCookie()).text).text('h1')).toBe('Your notes');

    const missing = await browser.post('/disconnect').type('form').send({}).expect(403);
    expect(page(missing.text).text('[data-testid=error]')).toBe('invalid_csrf_token');
    await browser.post('/disconnect').type('form').send({ _csrf: 'forged' }).expect(403);
    expect(page((await browser.get('/').expect(200)).text).text('h1')).toBe('Your notes');

    await browser
      .post('/disconnect')
      .type('form')
      .send({ _csrf: csrfToken })
      .expect(303)
      .expect('Location', '/');

    expect((await browser.get('/').expect(200)).text).toContain('<a href="/connect">Connect</a>');
    // The old cookie, replayed, finds nothing on the server: the session itself is gone.
    expect((await homeWithOldCookie()).text).toContain('<a href="/connect">Connect</a>');
  });

  it("refuses another session's CSRF token, even with its cookie planted (cookie tossing)", async () => {
    const attacker = world.browser();
    world.resourceApi.giveNotes(await world.connect(attacker), []);
    const attackerHome = await attacker.get('/').expect(200);
    const attackerToken = page(attackerHome.text).csrfToken('/disconnect');
    const victim = world.browser();
    world.resourceApi.giveNotes(await world.connect(victim), []);
    const victimSession = (await victim.get('/').expect(200)).request.cookies
      .split('; ')
      .find((c) => c.startsWith('client_web.sid='));

    // A same-site page (localhost:3001 is same-site with :3002) can set cookies for localhost.
    await request(world.app.getHttpServer())
      .post('/disconnect')
      .set('Cookie', `${victimSession}; client_web.csrf=${attackerToken}`)
      .type('form')
      .send({ _csrf: attackerToken })
      .expect(403);

    expect(page((await victim.get('/').expect(200)).text).text('h1')).toBe('Your notes');
  });

  /** Connects a browser and returns its Disconnect form token and a way to replay its old cookie. */
  async function connectedBrowser() {
    const browser = world.browser();
    world.resourceApi.giveNotes(await world.connect(browser), []);
    const refreshToken = world.authServer.refreshTokens.issued.at(-1) ?? '';
    const home = await browser.get('/').expect(200);
    const sessionCookie = home.request.cookies
      .split('; ')
      .find((c) => c.startsWith('client_web.sid='));
    const homeWithOldCookie = async () =>
      page(
        (
          await request(world.app.getHttpServer())
            .get('/')
            .set('Cookie', sessionCookie ?? '')
            .expect(200)
        ).text,
      );
    return {
      browser,
      refreshToken,
      csrfToken: page(home.text).csrfToken('/disconnect'),
      homeWithOldCookie,
    };
  }

  it('revokes the refresh token at auth-server (RFC 7009), then ends the session', async () => {
    const { browser, refreshToken, csrfToken, homeWithOldCookie } = await connectedBrowser();
    const before = world.authServer.revocationRequests.length;

    await browser.post('/disconnect').type('form').send({ _csrf: csrfToken }).expect(303);

    expect(world.authServer.revocationRequests).toHaveLength(before + 1);
    const sut = world.authServer.revocationRequests[before];
    expect(sut.method).toBe('POST');
    expect(sut.path).toBe('/revoke');
    expect(sut.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sut.headers.authorization).toBe(BASIC);
    expect(Object.fromEntries(sut.body)).toEqual({
      token: refreshToken,
      token_type_hint: 'refresh_token',
    });
    expect(world.authServer.refreshTokens.stateOf(refreshToken)).toBe('revoked');
    const home = page((await browser.get('/').expect(200)).text);
    expect(home.text('[data-testid=flash]')).toContain('auth-server revoked the refresh token');
    expect(home.has('a[href="/connect"]')).toBe(true);
    expect((await homeWithOldCookie()).has('a[href="/connect"]')).toBe(true);
  });

  it('still ends the session when the revocation endpoint is down, and says so', async () => {
    const { browser, csrfToken, homeWithOldCookie } = await connectedBrowser();
    world.authServer.revocationDown = true;
    try {
      await browser.post('/disconnect').type('form').send({ _csrf: csrfToken }).expect(303);
    } finally {
      world.authServer.revocationDown = false;
    }

    const home = page((await browser.get('/').expect(200)).text);
    expect(home.text('[data-testid=flash]')).toContain('the revocation could not be confirmed');
    expect(home.has('a[href="/connect"]')).toBe(true);
    expect((await homeWithOldCookie()).has('a[href="/connect"]')).toBe(true);
  });

  it('revokes the access token when the grant came without a refresh token', async () => {
    world.authServer.grantedScope = 'notes:read notes:write';
    try {
      const browser = world.browser();
      const accessToken = await world.connect(browser);
      world.resourceApi.giveNotes(accessToken, []);
      const csrfToken = page((await browser.get('/').expect(200)).text).csrfToken('/disconnect');

      await browser.post('/disconnect').type('form').send({ _csrf: csrfToken }).expect(303);

      expect(Object.fromEntries(world.authServer.revocationRequests.at(-1)?.body ?? [])).toEqual({
        token: accessToken,
        token_type_hint: 'access_token',
      });
    } finally {
      world.authServer.grantedScope = 'openid profile offline_access notes:read notes:write';
    }
  });
});
