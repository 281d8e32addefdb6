import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';
import { accessToken, accessTokenClaims, signRs256 } from './fixtures/access-tokens';
import { FakeAuthServer } from './fixtures/fake-auth-server';
import { startResourceApi } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';
import { stopTheClock } from './fixtures/stopped-clock';

/** Case 37: auth-server (its JWKS) goes away, or someone floods us with unknown kids. */
describe('resource-api: when the JWKS is unreachable or flooded', () => {
  const key = createSigningKey('key-1');
  let jwks: FakeAuthServer;
  let app: INestApplication<Server>;

  beforeEach(async () => {
    jwks = await FakeAuthServer.start([key]);
  });

  afterEach(async () => {
    jest.useRealTimers();
    await app.close();
    await jwks.stop().catch(() => undefined);
  });

  const getNotes = (token: string) =>
    request(app.getHttpServer()).get('/notes').set('Authorization', `Bearer ${token}`);

  it('case 37: JWKS server stopped before the first request (cold cache) -> 503, never 500', async () => {
    await jwks.stop();
    app = await startResourceApi(jwks.jwksUrl);
    // More requests than the JWKS rate limit allows fetches: still 503 once fetching is throttled.
    for (let i = 0; i < 12; i++) {
      const response = await getNotes(accessToken(key));
      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        error: 'temporarily_unavailable',
        error_description:
          "The authorization server's signing keys cannot be fetched right now; try again shortly",
      });
      expect(response.headers['retry-after']).toBe('10');
      expect(response.headers['www-authenticate']).toBeUndefined();
    }
  });

  it('case 37: warm cache, then the JWKS server stopped -> still 200', async () => {
    app = await startResourceApi(jwks.jwksUrl);
    await getNotes(accessToken(key)).expect(200);
    await jwks.stop();
    await getNotes(accessToken(key)).expect(200);
    await getNotes(accessToken(key, { claims: { scope: 'notes:read' } })).expect(200);
    expect(jwks.fetchCount).toBe(1);
  });

  it('case 37: warm cache, JWKS stopped, a token with an unknown kid -> 503 (it may be a new key)', async () => {
    app = await startResourceApi(jwks.jwksUrl);
    await getNotes(accessToken(key)).expect(200);
    await jwks.stop();
    const token = signRs256(
      key,
      { alg: 'RS256', typ: 'at+jwt', kid: 'key-2' },
      accessTokenClaims(),
    );
    await getNotes(token).expect(503);
  });

  it('case 37: a flood of 50 unknown kids -> a small bounded number of JWKS fetches', async () => {
    stopTheClock(); // the budget refills with time: counted on a stopped clock, the bound is exact
    app = await startResourceApi(jwks.jwksUrl);
    await getNotes(accessToken(key)).expect(200);
    const flood = Array.from({ length: 50 }, (_, i) =>
      signRs256(key, { alg: 'RS256', typ: 'at+jwt', kid: `unknown-${i}` }, accessTokenClaims()),
    );
    const responses = await Promise.all(flood.map((token) => getNotes(token)));
    expect(responses.map((response) => response.status)).toEqual(flood.map(() => 401));
    expect(jwks.fetchCount).toBeLessThanOrEqual(10);
    // The genuine key is still served from the cache, without another fetch.
    const fetchesAfterFlood = jwks.fetchCount;
    await getNotes(accessToken(key)).expect(200);
    expect(jwks.fetchCount).toBe(fetchesAfterFlood);
  });
});
