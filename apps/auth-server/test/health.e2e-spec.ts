import { traceparentOf, newFlowId } from '@oauth-flow-lab/flow-log';
import request from 'supertest';
import { SigningKeyEntity } from '../src/keys/signing-key.entity';
import { SigningKeysService } from '../src/keys/signing-keys.service';
import { fetchJwks } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { type LoggedAuthServer, startLoggedAuthServer } from './fixtures/logged-auth-server';

/**
 * GET /health (terminus), what docker-compose's healthcheck polls: 200 when the database answers
 * and a signing key is loaded, 503 with terminus's report otherwise. No part of the six steps.
 */
describe('GET /health', () => {
  describe('on a running server', () => {
    // Logs read at info: the first server of the file (pino is set up once per process).
    let logged: LoggedAuthServer;
    beforeAll(async () => {
      logged = await startLoggedAuthServer('info');
    });
    afterAll(() => logged.sut.close());

    it('answers 200 with the database and the signing key up, the kid the JWKS publishes', async () => {
      const response = await request(logged.sut.publicServer)
        .get('/health')
        .expect(200)
        .expect('Content-Type', /application\/json/)
        .expect('Cache-Control', 'no-cache, no-store, must-revalidate');
      const [published] = (await fetchJwks(logged.sut)).keys;
      const up = { database: { status: 'up' }, signing_key: { status: 'up', kid: published.kid } };
      expect(response.body).toEqual({ status: 'ok', info: up, error: {}, details: up });
    });

    it('is no hop of the flow: nothing is logged for it, even with a traceparent', async () => {
      const before = logged.lines.length;
      await request(logged.sut.publicServer)
        .get('/health')
        .set('traceparent', traceparentOf(newFlowId()))
        .expect(200);
      expect(logged.lines.slice(before)).toEqual([]);
    });

    it('is on the public listener only: the admin API has no such route', async () => {
      await request(logged.sut.adminServer).get('/health').expect(404);
    });
  });

  describe('when something is wrong', () => {
    let sut: TestAuthServer;
    beforeEach(async () => {
      sut = await startAuthServer();
    });
    afterEach(() => sut.close());

    it('answers 503 with the database down once the database is closed', async () => {
      await sut.dataSource.destroy();
      const response = await request(sut.publicServer).get('/health').expect(503);
      expect(response.body).toEqual({
        status: 'error',
        info: { signing_key: { status: 'up', kid: expect.any(String) as unknown } },
        error: { database: { status: 'down' } },
        details: {
          database: { status: 'down' },
          signing_key: { status: 'up', kid: expect.any(String) as unknown },
        },
      });
    });

    it('answers 503 with the signing key down when no key may sign', async () => {
      const past = Math.floor(Date.now() / 1000) - 1;
      await sut.dataSource
        .getRepository(SigningKeyEntity)
        .createQueryBuilder()
        .update()
        .set({ retiredAt: past })
        .execute();
      await sut.publicApp.get(SigningKeysService).reloadSigningKeys();

      const response = await request(sut.publicServer).get('/health').expect(503);
      const down = { status: 'down', message: 'no active signing key is loaded' };
      expect(response.body).toEqual({
        status: 'error',
        info: { database: { status: 'up' } },
        error: { signing_key: down },
        details: { database: { status: 'up' }, signing_key: down },
      });
    });
  });
});
