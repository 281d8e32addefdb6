import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startClientWeb } from './fixtures/client-web-app';

/**
 * GET /health (terminus), what docker-compose's healthcheck polls: 200 while client-web's database
 * (the sessions) answers, 503 with terminus's JSON report otherwise. It does not report
 * auth-server or resource-api (see HealthController).
 */
describe('client-web: GET /health', () => {
  let app: NestExpressApplication;

  beforeEach(async () => {
    // Nothing listens on port 9 (discard): auth-server and resource-api are both unreachable.
    app = await startClientWeb({
      AUTH_SERVER_INTERNAL_URL: 'http://127.0.0.1:9',
      RESOURCE_API_URL: 'http://127.0.0.1:9',
    });
  });

  afterEach(() => app.close());

  it('answers 200 with the database up, even while the services it calls are down', async () => {
    const response = await request(app.getHttpServer())
      .get('/health')
      .expect(200)
      .expect('Content-Type', /application\/json/)
      .expect('Cache-Control', 'no-cache, no-store, must-revalidate');

    const up = { database: { status: 'up' } };
    expect(response.body).toEqual({ status: 'ok', info: up, error: {}, details: up });
  });

  it('starts no session: no cookie and no stored session, however often it is polled', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await request(app.getHttpServer()).get('/health').expect(200);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    // The store (session/session.store.ts) keeps sessions in the `sessions` table.
    const rows = await app.get(DataSource).query<unknown[]>('SELECT * FROM sessions');
    expect(rows).toEqual([]);
  });

  it('answers 503 with the database down, as JSON and not an error page, once it is closed', async () => {
    await app.get(DataSource).destroy();

    const response = await request(app.getHttpServer())
      .get('/health')
      .expect(503)
      .expect('Content-Type', /application\/json/);

    const down = { database: { status: 'down' } };
    expect(response.body).toEqual({ status: 'error', info: {}, error: down, details: down });
  });
});
