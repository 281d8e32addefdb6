import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { LoginSession } from '../src/sessions/login-session.entity';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

const nowInSeconds = () => Math.floor(Date.now() / 1000);
const AN_HOUR_AGO = () => nowInSeconds() - 3600;

/**
 * docs/security-cases.md, case 52: the login accept says when the user really authenticated
 * (`authenticated_at`, the id_token's `auth_time`): the time the password was typed, also when a
 * login-ui session signs the user in silently; and the session stands in for the form only if that
 * time is within the request's `max_age`, and never for `prompt=login` (OIDC Core §3.1.2.1).
 */
describe('login-ui: the authentication time it reports (auth_time, max_age, prompt=login)', () => {
  let adminApi: FakeAdminApi;
  let app: INestApplication<Server>;

  beforeAll(async () => {
    adminApi = new FakeAdminApi();
    app = await createTestApp(await adminApi.start());
  });

  afterAll(async () => {
    await app.close();
    await adminApi.stop();
  });

  /** The body of the one accept login-ui sent for `challenge`, or undefined when it sent none. */
  const acceptOf = (challenge: string) =>
    adminApi.decisions().find((call) => call.path === `/admin/login-requests/${challenge}/accept`)
      ?.body as { subject: string; authenticated_at: number } | undefined;

  /** Types alice's password on the form of `challenge`, in `browser`; returns the response. */
  async function typePassword(
    browser: ReturnType<typeof request.agent>,
    challenge: string,
    keepSignedIn: boolean,
  ) {
    const page = await browser.get('/login').query({ login_challenge: challenge }).expect(200);
    return browser
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
  }

  /**
   * A browser with a login-ui session ("Keep me signed in") whose password sign-in was at
   * `signedInAt`: the session row is moved back in time rather than waiting for it.
   */
  async function browserSignedInAt(label: string, signedInAt: number) {
    const browser = request.agent(app.getHttpServer());
    adminApi.addLoginRequest(`${label}-first`);
    await typePassword(browser, `${label}-first`, true);
    await app
      .get(DataSource)
      .getRepository(LoginSession)
      .update({ userId: ALICE.id }, { createdAt: signedInAt });
    return browser;
  }

  it('case 52: the password form accepts with the time the password was typed', async () => {
    const browser = request.agent(app.getHttpServer());
    adminApi.addLoginRequest('typed');
    const before = nowInSeconds();
    await typePassword(browser, 'typed', false);

    const authenticatedAt = acceptOf('typed')?.authenticated_at ?? 0;
    expect(authenticatedAt).toBeGreaterThanOrEqual(before);
    expect(authenticatedAt).toBeLessThanOrEqual(nowInSeconds());
  });

  it("case 52: a signed-in browser is accepted silently with its session's sign-in time, not now", async () => {
    const signedInAt = AN_HOUR_AGO();
    const browser = await browserSignedInAt('silent', signedInAt);

    adminApi.addLoginRequest('silent-second');
    await browser.get('/login?login_challenge=silent-second').expect(303);

    expect(acceptOf('silent-second')).toEqual({
      subject: ALICE.id,
      claims: { name: ALICE.name, preferred_username: 'alice' },
      authenticated_at: signedInAt,
    });
  });

  it("case 52: with max_age shorter than the session's age the login form is shown, not a silent accept", async () => {
    const browser = await browserSignedInAt('stale', AN_HOUR_AGO());

    adminApi.addLoginRequest('stale-600', ['openid'], [], 600);
    const page = await browser.get('/login?login_challenge=stale-600').expect(200);
    expect(page.text).toContain('<form method="post" action="/login">');
    adminApi.addLoginRequest('stale-0', ['openid'], [], 0);
    await browser.get('/login?login_challenge=stale-0').expect(200);
    expect(acceptOf('stale-600')).toBeUndefined();
    expect(acceptOf('stale-0')).toBeUndefined();

    // A max_age the session's sign-in is within still skips the form.
    adminApi.addLoginRequest('stale-7200', ['openid'], [], 7200);
    await browser.get('/login?login_challenge=stale-7200').expect(303);
    expect(acceptOf('stale-7200')?.authenticated_at).toBeLessThan(nowInSeconds() - 3000);
  });

  it('case 52: with prompt=login the form is shown despite the session, and the accept carries the new time', async () => {
    const signedInAt = AN_HOUR_AGO();
    const browser = await browserSignedInAt('again', signedInAt);

    adminApi.addLoginRequest('again-login', ['openid'], ['login']);
    const before = nowInSeconds();
    await typePassword(browser, 'again-login', false);

    expect(acceptOf('again-login')?.authenticated_at).toBeGreaterThanOrEqual(before);
  });

  it('case 52: typing the password again moves the session to that time (same cookie), so max_age counts from it', async () => {
    const browser = await browserSignedInAt('renew', AN_HOUR_AGO());

    adminApi.addLoginRequest('renew-stale', ['openid'], [], 600);
    const before = nowInSeconds();
    const signIn = await typePassword(browser, 'renew-stale', false);
    // The same session: no new cookie, so "Keep me signed in" and the expiry are as they were.
    const setCookies = signIn.get('Set-Cookie') ?? [];
    expect(setCookies.filter((c) => c.startsWith('login_ui.session='))).toEqual([]);

    adminApi.addLoginRequest('renew-next', ['openid'], [], 600);
    await browser.get('/login?login_challenge=renew-next').expect(303);
    expect(acceptOf('renew-next')?.authenticated_at).toBeGreaterThanOrEqual(before);
  });
});
