import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';
import { ALICE_SUB } from '../src/seeds/notes.seed';
import { accessToken } from './fixtures/access-tokens';
import { FakeAuthServer } from './fixtures/fake-auth-server';
import { startResourceApi } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/**
 * helmet's default security headers on every answer of the API (app.setup.ts): a JSON API has no
 * page to frame, but a browser that is sent one of its answers must neither sniff nor frame it.
 */
describe('resource-api: security headers (helmet)', () => {
  const key = createSigningKey('key-1');
  let jwks: FakeAuthServer;
  let app: INestApplication<Server>;

  beforeAll(async () => {
    jwks = await FakeAuthServer.start([key]);
    app = await startResourceApi(jwks.jwksUrl);
  });

  afterAll(async () => {
    await app.close();
    await jwks.stop();
  });

  const answers: [string, number, () => request.Test][] = [
    [
      'a served request',
      200,
      () =>
        request(app.getHttpServer())
          .get('/notes')
          .set('Authorization', `Bearer ${accessToken(key, { claims: { sub: ALICE_SUB } })}`),
    ],
    ['a refused one (no token)', 401, () => request(app.getHttpServer()).get('/notes')],
    ['an unknown path', 404, () => request(app.getHttpServer()).get('/no-such-path')],
  ];

  it.each(answers)('%s (%i)', async (_name, status, send) => {
    const response = await send().expect(status);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
