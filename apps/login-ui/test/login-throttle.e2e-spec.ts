import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { LoginThrottle } from '../src/login/login-throttle';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

describe(LoginThrottle.name, () => {
  let adminApi: FakeAdminApi;
  let app: INestApplication<Server>;
  let attempt = 0;

  beforeEach(async () => {
    adminApi = new FakeAdminApi();
    app = await createTestApp(await adminApi.start(), {
      LOGIN_MAX_FAILURES_PER_USERNAME: '3',
      LOGIN_MAX_FAILURES_PER_IP: '6',
      LOGIN_FAILURE_WINDOW_SECONDS: '60',
    });
  });

  afterEach(async () => {
    await app.close();
    await adminApi.stop();
  });

  async function signIn(username: string, password: string) {
    const challenge = `throttle-${(attempt += 1)}`;
    adminApi.addLoginRequest(challenge);
    const browser = request.agent(app.getHttpServer());
    const page = await browser.get('/login').query({ login_challenge: challenge }).expect(200);
    return browser
      .post('/login')
      .type('form')
      .send({
        login_challenge: challenge,
        _csrf: hiddenField(page.text, '_csrf'),
        username,
        password,
      });
  }

  it('case 11: past the threshold for an account -> 429 with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await signIn('bob', 'guess')).status).toBe(401);
    }

    const blocked = await signIn('bob', 'builder');

    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.text).toContain('Too many failed sign-ins');
  });

  it('case 11: past the threshold for an IP address -> 429 for every account', async () => {
    for (const username of ['carol', 'dave', 'erin', 'frank', 'grace', 'heidi']) {
      expect((await signIn(username, 'guess')).status).toBe(401);
    }

    const blocked = await signIn(ALICE.username, ALICE.password);

    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(adminApi.decisions()).toEqual([]);
  });
});
