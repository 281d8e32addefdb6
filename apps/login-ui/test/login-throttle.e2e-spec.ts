import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { describeWithRedis, emptyRedisDatabase } from '@oauth-flow-lab/testing';
import request from 'supertest';
import { LoginThrottle } from '../src/login/login-throttle';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

describe(LoginThrottle.name, () => {
  let adminApi: FakeAdminApi;
  let adminUrl: string;
  let app: INestApplication<Server>;
  let attempt = 0;

  beforeEach(async () => {
    adminApi = new FakeAdminApi();
    adminUrl = await adminApi.start();
    app = await createTestApp(adminUrl, {
      LOGIN_MAX_FAILURES_PER_USERNAME_AND_IP: '3',
      LOGIN_MAX_FAILURES_PER_IP: '6',
      LOGIN_FAILURE_WINDOW_SECONDS: '60',
    });
  });

  afterEach(async () => {
    await app.close();
    await adminApi.stop();
  });

  function signIn(username: string, password: string) {
    return signInAt(app, username, password);
  }

  async function signInAt(at: INestApplication<Server>, username: string, password: string) {
    return (await openLoginForm(at)).submit(username, password);
  }

  /** A fresh browser with the login form of a new login request open, ready to submit. */
  async function openLoginForm(at: INestApplication<Server>) {
    const challenge = `throttle-${(attempt += 1)}`;
    adminApi.addLoginRequest(challenge);
    const browser = request.agent(at.getHttpServer());
    const page = await browser.get('/login').query({ login_challenge: challenge }).expect(200);
    const csrf = hiddenField(page.text, '_csrf');
    return {
      submit: (username: string, password: string) =>
        browser
          .post('/login')
          .type('form')
          .send({ login_challenge: challenge, _csrf: csrf, username, password }),
    };
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

  it('case 46: a burst of wrong passwords sent at once gets at most the limit checked, the rest 429', async () => {
    const forms = await Promise.all(Array.from({ length: 40 }, () => openLoginForm(app)));

    const answers = await Promise.all(forms.map((form) => form.submit('bob', 'guess')));

    const statuses = answers.map(({ status }) => status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(37);
    // The window is full: the right password waits too.
    expect((await signIn('bob', 'builder')).status).toBe(429);
  });

  it('case 47: someone else failing from the same address never locks out a browser signed in as the user', async () => {
    // Alice signed in on /apps earlier and kept her login-ui session.
    const alice = request.agent(app.getHttpServer());
    const appsForm = await alice.get('/apps').expect(200);
    await alice
      .post('/apps/sign-in')
      .type('form')
      .send({
        _csrf: hiddenField(appsForm.text, '_csrf'),
        username: ALICE.username,
        password: ALICE.password,
        keep_signed_in: 'on',
      })
      .expect(303);
    // Someone on her network fills both of her address's counters.
    for (const username of [
      ALICE.username,
      ALICE.username,
      ALICE.username,
      'dave',
      'erin',
      'frank',
    ]) {
      expect((await signIn(username, 'guess')).status).toBe(401);
    }
    expect((await signIn(ALICE.username, ALICE.password)).status).toBe(429);

    // A client asks her to sign in again (prompt=login): her own browser still can.
    const challenge = `throttle-${(attempt += 1)}`;
    adminApi.addLoginRequest(challenge, undefined, ['login']);
    const page = await alice.get('/login').query({ login_challenge: challenge }).expect(200);
    const answer = await alice
      .post('/login')
      .type('form')
      .send({
        login_challenge: challenge,
        _csrf: hiddenField(page.text, '_csrf'),
        username: ALICE.username,
        password: ALICE.password,
      });

    expect(answer.status).toBe(303);
    expect(adminApi.decisions().map(({ path }) => path)).toContainEqual(
      expect.stringContaining(`${challenge}/accept`),
    );
  });

  // Under `npm run test:scale` (TEST_REDIS_URL): two login-ui replicas counting in one Redis.
  describeWithRedis('with REDIS_URL, two replicas', () => {
    let other: INestApplication<Server>;

    beforeEach(async () => {
      // Redis database 3: this file's own (emptied), apart from the other suites'.
      const redisUrl = await emptyRedisDatabase(3);
      const limits = {
        LOGIN_MAX_FAILURES_PER_USERNAME_AND_IP: '3',
        LOGIN_MAX_FAILURES_PER_IP: '6',
        LOGIN_FAILURE_WINDOW_SECONDS: '60',
        REDIS_URL: redisUrl,
      };
      await app.close();
      app = await createTestApp(adminUrl, limits);
      other = await createTestApp(adminUrl, limits);
    });

    afterEach(async () => {
      await other.close();
    });

    it('case 11: failed sign-ins at either replica count against both', async () => {
      expect((await signInAt(app, 'bob', 'guess')).status).toBe(401);
      expect((await signInAt(other, 'bob', 'guess')).status).toBe(401);
      expect((await signInAt(app, 'bob', 'guess')).status).toBe(401);

      // Neither replica saw three failures itself.
      const blocked = await signInAt(other, 'bob', 'builder');
      expect(blocked.status).toBe(429);
      expect(blocked.text).toContain('Too many failed sign-ins');
    });
  });
});
