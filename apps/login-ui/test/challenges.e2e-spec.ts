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
