import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

/**
 * docs/security-cases.md, case 55: behind a reverse proxy, login-ui counts failed sign-ins per
 * client address, as auth-server counts failed client authentications (TRUST_PROXY_HOPS). supertest
 * connects from 127.0.0.1 and plays the proxy: `X-Forwarded-For` ends with the address it would
 * append. Every wrong attempt is for a username of its own, so only the per-address limit (3 here)
 * can answer 429.
 */
describe('failed sign-ins behind a reverse proxy (TRUST_PROXY_HOPS)', () => {
  let adminApi: FakeAdminApi;
  let app: INestApplication<Server> | undefined;
  let attempt = 0;

  beforeEach(() => {
    adminApi = new FakeAdminApi();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await adminApi.stop();
  });

  async function start(env: Record<string, string> = {}): Promise<INestApplication<Server>> {
    const adminUrl = await adminApi.start();
    app = await createTestApp(adminUrl, {
      LOGIN_MAX_FAILURES_PER_IP: '3',
      LOGIN_FAILURE_WINDOW_SECONDS: '60',
      ...env,
    });
    return app;
  }

  /** A sign-in as it reaches login-ui, with `forwardedFor` as its X-Forwarded-For header. */
  async function signInFrom(
    sut: INestApplication<Server>,
    forwardedFor: string,
    username: string,
    password: string,
  ) {
    const challenge = `proxy-${(attempt += 1)}`;
    adminApi.addLoginRequest(challenge);
    const browser = request.agent(sut.getHttpServer());
    const page = await browser
      .get('/login')
      .set('X-Forwarded-For', forwardedFor)
      .query({ login_challenge: challenge })
      .expect(200);
    return browser
      .post('/login')
      .set('X-Forwarded-For', forwardedFor)
      .type('form')
      .send({
        login_challenge: challenge,
        _csrf: hiddenField(page.text, '_csrf'),
        username,
        password,
      });
  }

  /** A wrong password, for a username no other attempt uses. */
  const guessFrom = (sut: INestApplication<Server>, forwardedFor: string) =>
    signInFrom(sut, forwardedFor, `guesser-${attempt + 1}`, 'guess');

  it('case 55: TRUST_PROXY_HOPS=1: each client address the proxy forwards is counted apart', async () => {
    const sut = await start({ TRUST_PROXY_HOPS: '1' });
    for (let i = 0; i < 3; i += 1) {
      expect((await guessFrom(sut, '203.0.113.7')).status).toBe(401);
    }

    const guesser = await signInFrom(sut, '203.0.113.7', ALICE.username, ALICE.password);
    // Another client behind the same proxy is not locked out by the guesser.
    const other = await signInFrom(sut, '198.51.100.9', ALICE.username, ALICE.password);

    expect(guesser.status).toBe(429);
    expect(other.status).toBe(303);
  });

  it('case 55: TRUST_PROXY_HOPS=1: only the entry the proxy appended counts, not one the client sent', async () => {
    const sut = await start({ TRUST_PROXY_HOPS: '1' });
    // A guesser rotating a forged first entry: the proxy appends the address it saw.
    for (const forged of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      expect((await guessFrom(sut, `${forged}, 203.0.113.7`)).status).toBe(401);
    }

    const blocked = await signInFrom(sut, '10.0.0.4, 203.0.113.7', ALICE.username, ALICE.password);

    expect(blocked.status).toBe(429);
    expect(adminApi.decisions()).toEqual([]);
  });

  it('case 55: TRUST_PROXY_HOPS=0 (the default): a forged X-Forwarded-For gives a guesser no fresh address', async () => {
    const sut = await start();
    for (const forged of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      expect((await guessFrom(sut, forged)).status).toBe(401);
    }

    // All three counted against the socket's address, whatever the header said.
    const blocked = await signInFrom(sut, '203.0.113.4', ALICE.username, ALICE.password);

    expect(blocked.status).toBe(429);
    expect(adminApi.decisions()).toEqual([]);
  });
});
