import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';
import { ALICE_SUB } from '../src/seeds/notes.seed';
import { accessToken } from './fixtures/access-tokens';
import { startLoggedResourceApi } from './fixtures/logged-resource-api';
import { FakeAuthServer } from './fixtures/fake-auth-server';
import { createSigningKey } from './fixtures/signing-keys';

/**
 * With DEMO_MODE off (the default), the step lines of steps 5 and 6 are not written: they are
 * teaching, and nothing listens to the guard (libs/resource-guards, `stepLog` unset). The guard
 * answers exactly the same. The JWKS fetch stays in the log: it is an outbound call an operator
 * must see. nestjs-pino keeps one pino per process: this file starts one app.
 */
describe('resource-api with DEMO_MODE off: what it logs', () => {
  const key = createSigningKey('key-1');
  let lines: string[];
  let jwks: FakeAuthServer;
  let app: INestApplication<Server>;

  beforeAll(async () => {
    jwks = await FakeAuthServer.start([key]);
    ({ app, lines } = await startLoggedResourceApi({ JWKS_URL: jwks.jwksUrl }));
  });

  afterAll(async () => {
    await app.close();
    await jwks.stop().catch(() => undefined);
  });

  it('serves and refuses as always, and writes no step 5 or 6 line of the request', async () => {
    const token = accessToken(key, { claims: { sub: ALICE_SUB } });
    await request(app.getHttpServer())
      .get('/notes')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    await request(app.getHttpServer())
      .get('/notes')
      .set('Authorization', 'Bearer x.y.z')
      .expect(401);
    await new Promise((resolve) => setImmediate(resolve));

    const records = lines.map((line) => JSON.parse(line) as { step?: number; msg: string });
    expect(records.length).toBeGreaterThan(0);
    expect(records.filter((record) => record.step !== undefined).map(({ msg }) => msg)).toEqual([
      'step 6 · resource-api → auth-server · back channel · GET /.well-known/jwks.json → 200 (1 key)',
    ]);
  });
});
