import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AdminApiClient } from '../src/auth-server/admin-api.client';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

/** What the pages say when a challenge cannot be used, or auth-server cannot be asked. */
describe(`${AdminApiClient.name} errors, as pages`, () => {
  let adminApi: FakeAdminApi;
  let adminUrl: string;
  let app: INestApplication<Server>;

  beforeAll(async () => {
    adminApi = new FakeAdminApi();
    adminUrl = await adminApi.start();
    app = await createTestApp(adminUrl);
  });

  afterEach(() => {
    adminApi.failWithStatus = undefined;
  });

  afterAll(async () => {
    await app.close();
    await adminApi.stop();
  });

  it('case 10: unknown login challenge -> 404 page saying to start again', async () => {
    const response = await request(app.getHttpServer())
      .get('/login?login_challenge=never-issued')
      .expect(404);

    expect(response.text).toContain('This request is unknown or has expired.');
    expect(response.text).toContain('Go back to the application and start again.');
    expect(response.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('case 10: expired login and consent challenges -> 410 page', async () => {
    adminApi.addLoginRequest('expired-login');
    adminApi.addConsentRequest('expired-consent', ALICE.id, ['openid']);
    adminApi.expire('expired-login');
    adminApi.expire('expired-consent');

    const login = await request(app.getHttpServer()).get('/login?login_challenge=expired-login');
    const consent = await request(app.getHttpServer()).get(
      '/consent?consent_challenge=expired-consent',
    );

    expect(login.status).toBe(410);
    expect(login.text).toContain('This request has expired.');
    expect(consent.status).toBe(410);
  });

  it('case 10: a consent challenge used on /login (the other purpose) -> 404 page', async () => {
    adminApi.addConsentRequest('consent-not-login', ALICE.id, ['openid']);

    await request(app.getHttpServer()).get('/login?login_challenge=consent-not-login').expect(404);
  });

  it('case 10: a login challenge already used -> 410 page, and no second accept', async () => {
    adminApi.addLoginRequest('used-once');
    const browser = request.agent(app.getHttpServer());
    const page = await browser.get('/login?login_challenge=used-once').expect(200);
    const form = {
      login_challenge: 'used-once',
      _csrf: hiddenField(page.text, '_csrf'),
      username: ALICE.username,
      password: ALICE.password,
    };
    await browser.post('/login').type('form').send(form).expect(303);

    const replay = await browser.post('/login').type('form').send(form);

    expect(replay.status).toBe(410);
    expect(replay.text).toContain('This request was already used.');
    const accepts = adminApi.decisions().filter((call) => call.path.includes('used-once'));
    expect(accepts).toHaveLength(1);
  });

  /**
   * A browser holding a good CSRF token (from a login page it really was shown), so the POSTs below
   * fail on their challenge alone.
   */
  async function browserWithCsrf(challenge: string) {
    adminApi.addLoginRequest(challenge);
    const browser = request.agent(app.getHttpServer());
    const page = await browser.get(`/login?login_challenge=${challenge}`).expect(200);
    return { browser, csrf: hiddenField(page.text, '_csrf') };
  }

  const decided = (challenge: string) =>
    adminApi.decisions().filter((call) => call.path.includes(challenge));

  it('case 10: POST /login with an unknown, an expired or a consent challenge -> 404/410 page, nothing accepted', async () => {
    const { browser, csrf } = await browserWithCsrf('post-login-csrf-source');
    adminApi.addLoginRequest('post-login-expired');
    adminApi.expire('post-login-expired');
    adminApi.addConsentRequest('post-login-is-consent', ALICE.id, ['openid']);
    const post = (challenge: string) =>
      browser.post('/login').type('form').send({
        login_challenge: challenge,
        _csrf: csrf,
        username: ALICE.username,
        password: ALICE.password,
      });

    const statuses = {
      unknown: (await post('post-login-never-issued')).status,
      expired: (await post('post-login-expired')).status,
      otherPurpose: (await post('post-login-is-consent')).status,
    };

    expect(statuses).toEqual({ unknown: 404, expired: 410, otherPurpose: 404 });
    for (const challenge of [
      'post-login-never-issued',
      'post-login-expired',
      'post-login-is-consent',
    ]) {
      expect(decided(challenge)).toEqual([]);
    }
  });

  it('case 10: POST /consent with an unknown, an expired, a login or an already used challenge -> 404/410 page, no second decision', async () => {
    const { browser, csrf } = await browserWithCsrf('post-consent-csrf-source');
    adminApi.addConsentRequest('post-consent-expired', ALICE.id, ['openid']);
    adminApi.expire('post-consent-expired');
    adminApi.addLoginRequest('post-consent-is-login');
    adminApi.addConsentRequest('post-consent-used', ALICE.id, ['openid']);
    const post = (challenge: string) =>
      browser
        .post('/consent')
        .type('form')
        .send({ consent_challenge: challenge, _csrf: csrf, decision: 'allow' });
    expect((await post('post-consent-used')).status).toBe(303);

    const statuses = {
      unknown: (await post('post-consent-never-issued')).status,
      expired: (await post('post-consent-expired')).status,
      otherPurpose: (await post('post-consent-is-login')).status,
      used: (await post('post-consent-used')).status,
    };

    expect(statuses).toEqual({ unknown: 404, expired: 410, otherPurpose: 404, used: 410 });
    for (const challenge of [
      'post-consent-never-issued',
      'post-consent-expired',
      'post-consent-is-login',
    ]) {
      expect(decided(challenge)).toEqual([]);
    }
    expect(decided('post-consent-used')).toHaveLength(1);
  });

  it('auth-server answering 5xx -> 502 page saying auth-server is unavailable', async () => {
    adminApi.addLoginRequest('while-broken');
    adminApi.failWithStatus = 500;

    const response = await request(app.getHttpServer())
      .get('/login?login_challenge=while-broken')
      .expect(502);

    expect(response.text).toContain('auth-server is unavailable');
  });

  it('auth-server unreachable -> 503 page saying auth-server is unavailable', async () => {
    const stopped = new FakeAdminApi();
    const url = await stopped.start();
    await stopped.stop();
    const isolated = await createTestApp(url);
    try {
      const response = await request(isolated.getHttpServer())
        .get('/consent?consent_challenge=anything')
        .expect(503);

      expect(response.text).toContain('auth-server is unavailable');
    } finally {
      await isolated.close();
    }
  });

  it('a wrong ADMIN_API_SECRET (admin API says 401) -> 502 page, never 500', async () => {
    adminApi.addLoginRequest('wrong-secret');
    const misconfigured = await createTestApp(adminUrl, {
      ADMIN_API_SECRET: 'not-the-secret-auth-server-knows',
    });
    try {
      await request(misconfigured.getHttpServer())
        .get('/login?login_challenge=wrong-secret')
        .expect(502);
    } finally {
      await misconfigured.close();
    }
  });
});
