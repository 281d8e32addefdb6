import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { LoginSessions } from '../src/sessions/login-sessions.service';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

/** login-ui's own sessions: "Keep me signed in", skipping the login form, prompt=login, sign out. */
describe(LoginSessions.name, () => {
  let adminApi: FakeAdminApi;
  let adminUrl: string;
  let app: INestApplication<Server>;
  let dataDir: string;

  beforeAll(async () => {
    adminApi = new FakeAdminApi();
    adminUrl = await adminApi.start();
    dataDir = mkdtempSync(join(tmpdir(), 'login-ui-sessions-'));
    app = await createTestApp(adminUrl, { DATABASE_PATH: join(dataDir, 'login-ui.sqlite') });
  });

  afterAll(async () => {
    await app.close();
    await adminApi.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const loginAccepts = (challenge: string) =>
    adminApi
      .decisions()
      .filter((call) => call.path === `/admin/login-requests/${challenge}/accept`);

  /** A fresh browser signs in on the login form, ticking "Keep me signed in" or not. */
  async function signIn(challenge: string, keepSignedIn: boolean) {
    adminApi.addLoginRequest(challenge);
    const browser = request.agent(app.getHttpServer());
    const page = await browser.get('/login').query({ login_challenge: challenge }).expect(200);
    const response = await browser
      .post('/login')
      .type('form')
      .send({
        login_challenge: challenge,
        _csrf: hiddenField(page.text, '_csrf'),
        username: ALICE.username,
        password: ALICE.password,
        ...(keepSignedIn ? { keep_signed_in: 'yes' } : {}),
      })
      .expect(303);
    const sessionCookie = (response.get('Set-Cookie') ?? []).find((c) =>
      c.startsWith('login_ui.session='),
    );
    return { browser, response, sessionCookie };
  }

  it('the login form has a "Keep me signed in" checkbox', async () => {
    adminApi.addLoginRequest('session-form');
    const page = await request(app.getHttpServer()).get('/login?login_challenge=session-form');
    const checkbox = cheerio.load(page.text)('form input[type=checkbox][name=keep_signed_in]');
    expect(checkbox.attr('value')).toBe('yes');
  });

  it('keep signed in -> a signed HttpOnly persistent cookie, and the next /login skips the form', async () => {
    const { browser, sessionCookie } = await signIn('session-first', true);
    expect(sessionCookie).toMatch(
      /^login_ui\.session=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}; Max-Age=1209600; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/,
    );

    adminApi.addLoginRequest('session-second');
    const second = await browser.get('/login?login_challenge=session-second');

    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(
      'http://localhost:3000/authorize/continue?login_verifier=v-session-second&accept=1',
    );
    expect(loginAccepts('session-second')).toEqual([
      expect.objectContaining({
        body: {
          subject: ALICE.id,
          claims: { name: ALICE.name, preferred_username: 'alice' },
          authenticated_at: expect.any(Number) as unknown,
        },
      }),
    ]);
  });

  it('without keep signed in: no session, the next /login shows the form', async () => {
    const { browser, sessionCookie } = await signIn('nosession-first', false);
    expect(sessionCookie).toBeUndefined();

    adminApi.addLoginRequest('nosession-second');
    await browser.get('/login?login_challenge=nosession-second').expect(200);
    expect(loginAccepts('nosession-second')).toEqual([]);
  });

  it('prompt=login shows the form despite a session', async () => {
    const { browser } = await signIn('prompt-first', true);

    adminApi.addLoginRequest('prompt-login', ['openid'], ['login']);
    const page = await browser.get('/login?login_challenge=prompt-login').expect(200);

    expect(page.text).toContain('<form method="post" action="/login">');
    expect(loginAccepts('prompt-login')).toEqual([]);
  });

  it('a forged or tampered session cookie is ignored', async () => {
    const { sessionCookie } = await signIn('tamper-first', true);
    const value = (sessionCookie ?? '').split(';')[0];
    const tampered = `${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`;

    adminApi.addLoginRequest('tamper-second');
    await request(app.getHttpServer())
      .get('/login?login_challenge=tamper-second')
      .set('Cookie', tampered)
      .expect(200);
    expect(loginAccepts('tamper-second')).toEqual([]);
  });

  it('the session survives a restart of login-ui on the same sqlite file', async () => {
    const { sessionCookie } = await signIn('restart-first', true);
    await app.close();
    app = await createTestApp(adminUrl, { DATABASE_PATH: join(dataDir, 'login-ui.sqlite') });

    adminApi.addLoginRequest('restart-second');
    await request(app.getHttpServer())
      .get('/login?login_challenge=restart-second')
      .set('Cookie', (sessionCookie ?? '').split(';')[0])
      .expect(303);
    expect(loginAccepts('restart-second')).toHaveLength(1);
  });

  it('the home page says who is signed in; Sign out (POST with CSRF, 303) ends the session', async () => {
    const { browser, sessionCookie } = await signIn('signout-first', true);
    const home = await browser.get('/').expect(200);
    expect(cheerio.load(home.text)('[data-testid=signed-in]').text()).toContain(ALICE.name);
    expect(home.text).toContain('<a href="/apps">Connected apps</a>');

    await browser.post('/sign-out').type('form').send({ _csrf: 'forged' }).expect(403);
    const signOut = await browser
      .post('/sign-out')
      .type('form')
      .send({ _csrf: hiddenField(home.text, '_csrf') });
    expect(signOut.status).toBe(303);
    expect(signOut.headers.location).toBe('/');

    adminApi.addLoginRequest('signout-second');
    await browser.get('/login?login_challenge=signout-second').expect(200);
    // The old cookie value is dead too, not only cleared from this browser.
    adminApi.addLoginRequest('signout-third');
    await request(app.getHttpServer())
      .get('/login?login_challenge=signout-third')
      .set('Cookie', (sessionCookie ?? '').split(';')[0])
      .expect(200);
    expect(loginAccepts('signout-second')).toEqual([]);
    expect(loginAccepts('signout-third')).toEqual([]);
  });
});
