import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { INTROSPECTION_CHECK_NAMES, TokenChecksReportSchema } from '@oauth-flow-lab/contracts';
import { flowIdOfTraceparent, newFlowId, traceparentOf } from '@oauth-flow-lab/flow-log';
import request from 'supertest';
import { accessToken } from './fixtures/access-tokens';
import { FakeAuthServer, RESOURCE_API_CLIENT } from './fixtures/fake-auth-server';
import { expectInvalidToken, startResourceApiIn } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/**
 * TOKEN_VALIDATION=introspection: resource-api asks auth-server about each token (RFC 7662) instead
 * of verifying it itself, so a revocation is seen, within INTROSPECTION_CACHE_SECONDS; and when
 * auth-server cannot be asked, the answer is 503, never a 500 and never "valid". (What both modes
 * answer alike, every forgery and every scope, is the suite run in both modes.)
 */
describe('resource-api in introspection mode', () => {
  const key = createSigningKey('key-1');
  let authServer: FakeAuthServer;
  let app: INestApplication<Server>;

  beforeEach(async () => {
    authServer = await FakeAuthServer.start([key]);
  });

  afterEach(async () => {
    await app.close();
    await authServer.stop().catch(() => undefined);
  });

  const start = async (cacheSeconds: number, env: Record<string, string> = {}) => {
    app = await startResourceApiIn('introspection', authServer, {
      INTROSPECTION_CACHE_SECONDS: String(cacheSeconds),
      ...env,
    });
  };
  const getNotes = (token: string) =>
    request(app.getHttpServer()).get('/notes').set('Authorization', `Bearer ${token}`);

  it("asks auth-server's /introspect as the client resource-api (client_secret_basic), in the request's flow, and never fetches the JWKS", async () => {
    await start(5);
    const token = accessToken(key);
    const flowId = newFlowId();
    await getNotes(token).set('traceparent', traceparentOf(flowId)).expect(200);

    expect(authServer.requests).toEqual(['/introspect']);
    const [asked] = authServer.introspectionRequests;
    const { id, secret } = RESOURCE_API_CLIENT;
    expect(asked.authorization).toBe(`Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`);
    expect(asked.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(asked.form)).toEqual({ token, token_type_hint: 'access_token' });
    expect(flowIdOfTraceparent(asked.traceparent)).toBe(flowId);
  });

  it("the flow view's report (demo mode) is made by the checks of this mode, and says what the API answers", async () => {
    await start(5, { DEMO_MODE: 'true' });
    const token = accessToken(key);
    const report = async () =>
      TokenChecksReportSchema.parse(
        (
          await request(app.getHttpServer())
            .post('/debug/token-checks')
            .set('Authorization', `Bearer ${token}`)
            .send({ required_scope: 'notes:read' })
            .expect(200)
        ).body,
      );
    const valid = await report();
    expect(valid.verdict).toBe('valid');
    expect(valid.checks.map((check) => check.name)).toEqual(INTROSPECTION_CHECK_NAMES);
    authServer.revoke(token);
    expect(await report()).toMatchObject({
      verdict: 'invalid',
      error: 'invalid_token',
      checks: [
        { name: 'active', outcome: 'fail' },
        ...INTROSPECTION_CHECK_NAMES.slice(1).map((name) => ({ name, outcome: 'skipped' })),
      ],
    });
  });

  describe('revocation', () => {
    it('a revoked token is refused at once with INTROSPECTION_CACHE_SECONDS=0', async () => {
      await start(0);
      const token = accessToken(key);
      await getNotes(token).expect(200);
      authServer.revoke(token);
      expectInvalidToken(await getNotes(token), /^The access token is not active: /);
    });

    it('a revoked token is served from the cache for at most the cache time, then refused', async () => {
      await start(1);
      const token = accessToken(key);
      await getNotes(token).expect(200);
      authServer.revoke(token);
      await getNotes(token).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expectInvalidToken(await getNotes(token), /not active/);
      expect(authServer.introspectionRequests).toHaveLength(2);
    });
  });

  describe('the cache', () => {
    it('asks once for a token used again within the cache time, and again for another token', async () => {
      await start(5);
      const token = accessToken(key);
      await getNotes(token).expect(200);
      await getNotes(token).expect(200);
      await request(app.getHttpServer())
        .post('/notes')
        .set('Authorization', `Bearer ${token}`)
        .send({ title: 't', body: 'b' })
        .expect(201);
      expect(authServer.introspectionRequests).toHaveLength(1);
      await getNotes(accessToken(key)).expect(200);
      expect(authServer.introspectionRequests).toHaveLength(2);
    });

    it('never keeps a negative answer: an inactive token costs a request each time', async () => {
      await start(5);
      const token = accessToken(key);
      authServer.revoke(token);
      expectInvalidToken(await getNotes(token), /not active/);
      expectInvalidToken(await getNotes(token), /not active/);
      expect(authServer.introspectionRequests).toHaveLength(2);
    });

    it('a scope check is made on every request, the cached answer included (403 insufficient_scope)', async () => {
      await start(5);
      const token = accessToken(key, { claims: { scope: 'notes:read' } });
      await getNotes(token).expect(200);
      await request(app.getHttpServer())
        .post('/notes')
        .set('Authorization', `Bearer ${token}`)
        .send({ title: 't', body: 'b' })
        .expect(403);
      expect(authServer.introspectionRequests).toHaveLength(1);
    });
  });

  describe('when auth-server cannot be asked: 503, never 500, never "valid"', () => {
    const expectUnavailable = (response: request.Response) => {
      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        error: 'temporarily_unavailable',
        error_description:
          'The authorization server cannot be asked whether the access token is active right now; try again shortly',
      });
      expect(response.headers['retry-after']).toBe('10');
      expect(response.headers['www-authenticate']).toBeUndefined();
    };

    it('auth-server stopped -> 503 temporarily_unavailable with Retry-After', async () => {
      await start(5);
      await authServer.stop();
      for (let i = 0; i < 3; i++) {
        expectUnavailable(await getNotes(accessToken(key)));
      }
    });

    it.each([500, 502, 503])('auth-server answering %i -> 503', async (status) => {
      await start(5);
      authServer.introspectionFailure = status;
      expectUnavailable(await getNotes(accessToken(key)));
    });

    it("auth-server refusing resource-api's own credentials (a wrong INTROSPECTION_CLIENT_SECRET) -> 503, not the client's 401", async () => {
      await start(5, { INTROSPECTION_CLIENT_SECRET: 'not-the-registered-secret' });
      expectUnavailable(await getNotes(accessToken(key)));
    });

    it('a token answered active a moment ago is still served from the cache while auth-server is away', async () => {
      await start(5);
      const token = accessToken(key);
      await getNotes(token).expect(200);
      await authServer.stop();
      await getNotes(token).expect(200);
      expectUnavailable(await getNotes(accessToken(key)));
    });
  });
});
