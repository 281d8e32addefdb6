import type { NestExpressApplication } from '@nestjs/platform-express';
import type session from 'express-session';
import request from 'supertest';
import { SESSION_STORE } from '../src/session/session.middleware';
import { startClientWeb } from './fixtures/client-web-app';

/**
 * GET /health (terminus), what docker-compose's healthcheck polls: 200 whenever client-web serves.
 * It has no database, and does not report auth-server or resource-api (see HealthController).
 */
describe('client-web: GET /health', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    // Nothing listens on port 9 (discard): auth-server and resource-api are both unreachable.
    app = await startClientWeb({
      AUTH_SERVER_INTERNAL_URL: 'http://127.0.0.1:9',
      RESOURCE_API_URL: 'http://127.0.0.1:9',
    });
  });

  afterAll(() => app.close());

  it('answers 200 with an empty report, even while the services it calls are down', async () => {
    const response = await request(app.getHttpServer())
      .get('/health')
      .expect(200)
      .expect('Content-Type', /application\/json/)
      .expect('Cache-Control', 'no-cache, no-store, must-revalidate');

    expect(response.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
  });

  it('starts no session: no cookie, however often it is polled', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await request(app.getHttpServer()).get('/health').expect(200);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    // The demo's store (session/session.store.ts) is express-session's MemoryStore.
    const store = app.get<symbol, session.MemoryStore>(SESSION_STORE);
    const sessions = await new Promise<number>((resolve, reject) =>
      store.length((error: Error | null, length?: number) =>
        error ? reject(error) : resolve(length ?? 0),
      ),
    );
    expect(sessions).toBe(0);
  });
});
