import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import {
  TokenChecksReportSchema,
  TokenValidationComparisonSchema,
} from '@oauth-flow-lab/contracts';
import request from 'supertest';
import { accessToken, nowInSeconds } from './fixtures/access-tokens';
import { FakeAuthServer, RESOURCE_API_CLIENT } from './fixtures/fake-auth-server';
import {
  expectBearerError,
  expectInvalidToken,
  MODES,
  startResourceApiIn,
} from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

const REPORTS = ['/debug/token-checks', '/debug/token-validation'] as const;

/**
 * docs/security-cases.md, case 53: the demo's report routes (DEMO_MODE=true) are no oracle. They
 * answer only a caller that authenticates with an access token, and only about that token
 * (src/debug/report-caller.guard.ts); anyone else gets the API's own 401 and resource-api asks
 * auth-server nothing for them: the fake auth-server counts every request, /introspect included.
 */
describe.each(MODES)('resource-api: who may ask for a report (TOKEN_VALIDATION=%s)', (mode) => {
  const key = createSigningKey('key-1');
  const otherKey = createSigningKey('key-1');
  let authServer: FakeAuthServer;
  let demo: INestApplication<Server>;

  beforeAll(async () => {
    authServer = await FakeAuthServer.start([key]);
    demo = await startResourceApiIn(mode, authServer, { DEMO_MODE: 'true' });
  });

  afterAll(async () => {
    await demo.close();
    await authServer.stop();
  });

  const post = (path: string, authorization: string | undefined, body: object) => {
    const call = request(demo.getHttpServer()).post(path);
    return (authorization === undefined ? call : call.set('Authorization', authorization)).send(
      body,
    );
  };
  /** What auth-server received while `action` ran: every path, and the tokens introspected. */
  const seenByAuthServer = async (action: () => Promise<unknown>) => {
    const requests = authServer.requests.length;
    const introspections = authServer.introspectionRequests.length;
    await action();
    return {
      paths: authServer.requests.slice(requests),
      introspected: authServer.introspectionRequests
        .slice(introspections)
        .map(({ form }) => form.get('token')),
    };
  };

  it.each(REPORTS)(
    'case 53: %s answers an anonymous caller 401 with the bare challenge, and asks auth-server nothing',
    async (path) => {
      const someoneElses = accessToken(key);
      let response: request.Response | undefined;
      const seen = await seenByAuthServer(async () => {
        // The old way of the comparison: the token as a parameter, with no credential at all.
        response = await post(path, undefined, {
          required_scope: 'notes:read',
          ...(path === '/debug/token-validation' ? { token: someoneElses } : {}),
        });
      });
      expect(response?.status).toBe(401);
      expect(response?.headers['www-authenticate']).toBe('Bearer realm="http://localhost:3003"');
      expect(response?.body).toEqual({
        error: 'unauthorized',
        error_description:
          'This resource needs an access token: send it as Authorization: Bearer <token>',
      });
      expect(seen).toEqual({ paths: [], introspected: [] });
    },
  );

  const notAuthenticating: [string, () => string][] = [
    ['expired', () => accessToken(key, { claims: { exp: nowInSeconds() - 90 } })],
    ['signed by another key', () => accessToken(otherKey)],
    ['for another audience', () => accessToken(key, { claims: { aud: 'http://localhost:3002' } })],
    ['not a JWT', () => 'not-a-jwt'],
  ];
  describe.each(REPORTS)('%s', (path) => {
    it.each(notAuthenticating)(
      'case 53: a token that does not authenticate the caller (%s) gets 401 invalid_token, no report, and is never introspected',
      async (_case, token) => {
        let response: request.Response | undefined;
        const seen = await seenByAuthServer(async () => {
          response = await post(path, `Bearer ${token()}`, { required_scope: 'notes:read' });
        });
        expect(response).toBeDefined();
        expectInvalidToken(response as request.Response);
        expect(seen.introspected).toEqual([]);
        expect(seen.paths).not.toContain('/introspect');
      },
    );
  });

  it.each(REPORTS)(
    "case 53: %s reports on the caller's own token only: another token in the body or the query is refused, never introspected",
    async (path) => {
      const own = `Bearer ${accessToken(key)}`;
      const another = accessToken(key);
      const seen = await seenByAuthServer(async () => {
        await post(path, own, { required_scope: 'notes:read', token: another }).expect(400);
        expectBearerError(
          await post(`${path}?access_token=${another}`, own, { required_scope: 'notes:read' }),
          401,
          'invalid_request',
        );
        expectBearerError(
          await post(path, own, { required_scope: 'notes:read', access_token: another }),
          401,
          'invalid_request',
        );
      });
      expect(seen.introspected).toEqual([]);
    },
  );

  it("case 53: client-web's way still gets both reports: its own token as Bearer, only required_scope in the body", async () => {
    const own = accessToken(key);
    let checks: request.Response | undefined;
    let comparison: request.Response | undefined;
    const seen = await seenByAuthServer(async () => {
      checks = await post('/debug/token-checks', `Bearer ${own}`, { required_scope: 'notes:read' });
      comparison = await post('/debug/token-validation', `Bearer ${own}`, {
        required_scope: 'notes:read',
      });
    });
    expect(checks?.status).toBe(200);
    expect(TokenChecksReportSchema.parse(checks?.body).verdict).toBe('valid');
    expect(comparison?.status).toBe(200);
    expect(TokenValidationComparisonSchema.parse(comparison?.body)).toMatchObject({
      mode,
      jwt: { valid: true },
      introspection: { valid: true, active: true },
    });
    // auth-server was asked about this token and no other, as the client resource-api: once for
    // the comparison, and once more for the report in introspection mode.
    expect(seen.introspected).toEqual(mode === 'introspection' ? [own, own] : [own]);
    const { id, secret } = RESOURCE_API_CLIENT;
    expect(authServer.introspectionRequests.at(-1)?.authorization).toBe(
      `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
    );
  });
});
