import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { accessToken } from './fixtures/access-tokens';
import { FakeAuthServer } from './fixtures/fake-auth-server';
import { startResourceApi } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';
import { stopTheClock } from './fixtures/stopped-clock';

/**
 * GET /health (terminus), what docker-compose's healthcheck polls: the database answers and the key
 * set of auth-server's JWKS is loaded ("JWKS loaded"), else 503. It is what makes compose start
 * client-web only once resource-api can verify tokens.
 */
describe('resource-api: GET /health', () => {
  const key = createSigningKey('key-1');
  let jwks: FakeAuthServer;
  let app: INestApplication<Server>;

  beforeEach(async () => {
    jwks = await FakeAuthServer.start([key]);
  });

  afterEach(async () => {
    await app.close();
    await jwks.stop().catch(() => undefined);
  });

  const getHealth = () => request(app.getHttpServer()).get('/health');
  const up = { database: { status: 'up' }, jwks: { status: 'up', keys: 1 } };

  it('fetches the JWKS on the first check, answers 200, and the first token needs no fetch', async () => {
    app = await startResourceApi(jwks.jwksUrl);
    expect(jwks.fetchCount).toBe(0);

    const response = await getHealth()
      .expect(200)
      .expect('Cache-Control', 'no-cache, no-store, must-revalidate');
    expect(response.body).toEqual({ status: 'ok', info: up, error: {}, details: up });
    expect(jwks.fetchCount).toBe(1);

    await getHealth().expect(200);
    await request(app.getHttpServer())
      .get('/notes')
      .set('Authorization', `Bearer ${accessToken(key)}`)
      .expect(200);
    expect(jwks.fetchCount).toBe(1);
  });

  it("answers 503 with jwks down while auth-server's JWKS cannot be fetched and none is cached", async () => {
    await jwks.stop();
    app = await startResourceApi(jwks.jwksUrl);

    const response = await getHealth().expect(503);
    const down = {
      status: 'down',
      message: "auth-server's JWKS cannot be fetched and none is cached",
    };
    expect(response.body).toEqual({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { jwks: down },
      details: { database: { status: 'up' }, jwks: down },
    });
  });

  it('stays 200 once a key set is held, even when auth-server goes away (case 37)', async () => {
    app = await startResourceApi(jwks.jwksUrl);
    await getHealth().expect(200);
    await jwks.stop();

    const response = await getHealth().expect(200);
    expect(response.body).toEqual({ status: 'ok', info: up, error: {}, details: up });
    expect(jwks.fetchCount).toBe(1);
  });

  it('answers 503 with the database down once the database is closed', async () => {
    app = await startResourceApi(jwks.jwksUrl);
    await app.get(DataSource).destroy();

    const response = await getHealth().expect(503);
    expect(response.body).toEqual({
      status: 'error',
      info: { jwks: { status: 'up', keys: 1 } },
      error: { database: { status: 'down' } },
      details: { database: { status: 'down' }, jwks: { status: 'up', keys: 1 } },
    });
  });

  describe('with the clock stopped (only Date is faked: a failed fetch is retried a second later)', () => {
    beforeEach(() => {
      stopTheClock();
    });

    afterEach(() => {
      jest.useRealTimers();
    });

    it('needs no access token, and polling a failing JWKS tries it at most once a second', async () => {
      // auth-server answers, but not with a key set (a 404): every check fails...
      app = await startResourceApi(`${jwks.baseUrl}/not-the-jwks`);
      for (let i = 0; i < 15; i++) {
        const response = await getHealth();
        expect(response.status).toBe(503);
        expect(response.headers['www-authenticate']).toBeUndefined();
      }
      // ...and only the first one asked: the next try waits a second.
      expect(jwks.requests).toHaveLength(1);

      jest.setSystemTime(Date.now() + 1000);
      await getHealth().expect(503);
      expect(jwks.requests).toHaveLength(2);
    });

    it('is up within a second once auth-server answers, however long it took to start', async () => {
      // Polled while auth-server is still starting (npm start, docker-compose, the bench).
      jwks.jwksFailure = 503;
      app = await startResourceApi(jwks.jwksUrl);
      for (let second = 0; second < 15; second++) {
        await getHealth().expect(503);
        await getHealth().expect(503);
        jest.setSystemTime(Date.now() + 1000);
      }
      expect(jwks.fetchCount).toBe(15);

      // Failed fetches spent no budget: the first check after auth-server answers fetches the set.
      jwks.jwksFailure = undefined;
      const response = await getHealth().expect(200);
      expect(response.body).toEqual({ status: 'ok', info: up, error: {}, details: up });
      expect(jwks.fetchCount).toBe(16);
    });
  });
});
