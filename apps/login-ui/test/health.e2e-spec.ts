import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { createTestApp } from './fixtures/test-app';

/**
 * GET /health (terminus), what docker-compose's healthcheck polls: 200 while the database answers,
 * 503 with terminus's JSON report otherwise. No page: no cookie, no CSRF token.
 */
describe('login-ui: GET /health', () => {
  let adminApi: FakeAdminApi;
  let app: INestApplication<Server>;

  beforeEach(async () => {
    adminApi = new FakeAdminApi();
    app = await createTestApp(await adminApi.start());
  });

  afterEach(async () => {
    await app.close();
    await adminApi.stop();
  });

  it('answers 200 with the database up, sets no cookie and calls no admin API', async () => {
    const response = await request(app.getHttpServer())
      .get('/health')
      .expect(200)
      .expect('Content-Type', /application\/json/)
      .expect('Cache-Control', 'no-cache, no-store, must-revalidate');

    const up = { database: { status: 'up' } };
    expect(response.body).toEqual({ status: 'ok', info: up, error: {}, details: up });
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(adminApi.calls).toEqual([]);
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
