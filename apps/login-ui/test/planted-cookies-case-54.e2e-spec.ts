import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CsrfService } from '../src/csrf/csrf.service';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { createTestApp, hiddenField } from './fixtures/test-app';

/**
 * Case 54: login CSRF with planted cookies. Over https every login-ui cookie is `__Host-` prefixed,
 * which a browser accepts only from this very host over https (never from a sibling subdomain or a
 * plain-http page), and login-ui reads only those names. So what an attacker can plant (a cookie
 * under the plain name) is ignored. The browser's part (refusing a planted `__Host-` cookie) cannot
 * run here; these tests check login-ui's part. Over http (the demo) nothing can stop a planted
 * cookie: README, "Security cases".
 *
 * Supertest's cookie jar never sends Secure cookies over http, so each test carries the cookies
 * itself, as the browser would over https.
 */
describe(`${CsrfService.name} and login sessions with planted cookies (case 54)`, () => {
  let adminApi: FakeAdminApi;
  let adminUrl: string;
  let app: INestApplication<Server>;

  beforeAll(async () => {
    adminApi = new FakeAdminApi();
    adminUrl = await adminApi.start();
    // Upper case on purpose: the scheme and host of a URL are case-insensitive.
    app = await createTestApp(adminUrl, { PUBLIC_URL: 'HTTPS://LOGIN.EXAMPLE' });
  });

  afterAll(async () => {
    await app.close();
    await adminApi.stop();
  });

  const loginAccepts = (challenge: string) =>
    adminApi
      .decisions()
      .filter((call) => call.path === `/admin/login-requests/${challenge}/accept`);

  /** One browser opens the login page: its cookies (`name=value`, as it sends them) and token. */
  async function openLoginPage(challenge: string) {
    adminApi.addLoginRequest(challenge);
    const page = await request(app.getHttpServer())
      .get('/login')
      .query({ login_challenge: challenge })
      .expect(200);
    const setCookies = page.get('Set-Cookie') ?? [];
    return { setCookies, cookies: sentCookies(setCookies), csrf: hiddenField(page.text, '_csrf') };
  }

  /** The login form of `challenge`, posted with these cookies as bob, the attacker's account. */
  function postLogin(challenge: string, cookies: string[], csrf: string, keepSignedIn = false) {
    return request(app.getHttpServer())
      .post('/login')
      .set('Cookie', cookies.join('; '))
      .type('form')
      .send({
        login_challenge: challenge,
        _csrf: csrf,
        username: 'bob',
        password: 'builder',
        ...(keepSignedIn ? { keep_signed_in: 'yes' } : {}),
      });
  }

  it('case 54: with PUBLIC_URL=HTTPS://LOGIN.EXAMPLE the browser id and CSRF cookies are __Host-, Secure, Path=/, no Domain', async () => {
    const { setCookies } = await openLoginPage('host-csrf');

    expect(setCookies).toEqual([
      expect.stringMatching(
        /^__Host-login_ui\.browser_id=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
      ),
      expect.stringMatching(
        /^__Host-login_ui\.csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
      ),
    ]);
  });

  it('case 54: over https the login session cookie is __Host-login_ui.session, Secure, Path=/, no Domain', async () => {
    const { cookies, csrf } = await openLoginPage('host-session');

    const response = await postLogin('host-session', cookies, csrf, true).expect(303);

    expect(response.get('Set-Cookie')).toContainEqual(
      expect.stringMatching(
        /^__Host-login_ui\.session=[^;]+; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
      ),
    );
  });

  it("case 54: a login POST with the attacker's CSRF cookies planted in the victim's browser is refused (403)", async () => {
    // The attacker opens the login page in their own browser: a valid cookie pair and its token.
    const attacker = await openLoginPage('planted-attacker');
    // What they can plant from a sibling subdomain or over http: the same cookies, without the
    // prefix (a browser refuses a `__Host-` cookie from there).
    const planted = attacker.cookies.map(withoutHostPrefix);
    // The victim's browser, with login-ui's cookies of its own or none yet.
    const victim = await openLoginPage('planted-victim');
    adminApi.addLoginRequest('planted-victim-empty');

    const withOwnCookies = await postLogin(
      'planted-victim',
      [...victim.cookies, ...planted],
      attacker.csrf,
    );
    const withPlantedOnly = await postLogin('planted-victim-empty', planted, attacker.csrf);

    expect(withOwnCookies.status).toBe(403);
    expect(withPlantedOnly.status).toBe(403);
    expect(loginAccepts('planted-victim')).toEqual([]);
    expect(loginAccepts('planted-victim-empty')).toEqual([]);
    // In the attacker's own browser the same pair works: what stops it in the victim's is the name.
    adminApi.addLoginRequest('planted-attacker-own');
    await postLogin('planted-attacker-own', attacker.cookies, attacker.csrf).expect(303);
  });

  it("case 54: the attacker's login session planted in the victim's browser signs nobody in", async () => {
    const attacker = await openLoginPage('planted-session-attacker');
    const signedIn = await postLogin(
      'planted-session-attacker',
      attacker.cookies,
      attacker.csrf,
      true,
    ).expect(303);
    const session = sentCookies(signedIn.get('Set-Cookie') ?? []).filter((cookie) =>
      cookie.startsWith('__Host-login_ui.session='),
    );
    expect(session).toHaveLength(1);

    // The attacker's own browser: the session skips the login form.
    adminApi.addLoginRequest('planted-session-own');
    await request(app.getHttpServer())
      .get('/login?login_challenge=planted-session-own')
      .set('Cookie', session.join('; '))
      .expect(303);
    // The victim's browser, with the same session planted under the plain name: the form.
    adminApi.addLoginRequest('planted-session-victim');
    await request(app.getHttpServer())
      .get('/login?login_challenge=planted-session-victim')
      .set('Cookie', session.map(withoutHostPrefix).join('; '))
      .expect(200);
    expect(loginAccepts('planted-session-victim')).toEqual([]);
  });

  it('case 54: over http (the demo) the cookies keep their plain names: browsers refuse __Host- without Secure', async () => {
    const demo = await createTestApp(adminUrl, { PUBLIC_URL: 'http://localhost:3001' });
    try {
      adminApi.addLoginRequest('http-names');
      const page = await request(demo.getHttpServer())
        .get('/login?login_challenge=http-names')
        .expect(200);

      expect(page.get('Set-Cookie')).toEqual([
        expect.stringMatching(/^login_ui\.browser_id=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/),
        expect.stringMatching(/^login_ui\.csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/),
      ]);
    } finally {
      await demo.close();
    }
  });
});

/** The `name=value` pairs a browser sends back for these Set-Cookie headers. */
function sentCookies(setCookies: string[]): string[] {
  return setCookies.map((setCookie) => setCookie.split(';')[0]);
}

function withoutHostPrefix(cookie: string): string {
  return cookie.replace(/^__Host-/, '');
}
