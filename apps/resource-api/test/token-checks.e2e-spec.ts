import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { TokenChecksReportSchema, type TokenChecksReport } from '@oauth-flow-lab/contracts';
import request from 'supertest';
import {
  accessToken,
  accessTokenClaims,
  ISSUER,
  nowInSeconds,
  signHs256,
  signRs256,
  unsecuredJwt,
} from './fixtures/access-tokens';
import { FakeAuthServer } from './fixtures/fake-auth-server';
import { startResourceApi } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/**
 * POST /debug/token-checks (DEMO_MODE=true only): the report of step 6, made by the guard's own
 * checks, so it says exactly what the API answers the same token. Who may ask for it:
 * report-callers.e2e-spec.ts.
 */
describe('resource-api: the token checks report (demo mode)', () => {
  const key = createSigningKey('key-1');
  const otherKey = createSigningKey('key-1');
  let jwks: FakeAuthServer;
  let demo: INestApplication<Server>;
  let production: INestApplication<Server>;

  beforeAll(async () => {
    jwks = await FakeAuthServer.start([key]);
    demo = await startResourceApi(jwks.jwksUrl, { DEMO_MODE: 'true' });
    production = await startResourceApi(jwks.jwksUrl);
  });

  afterAll(async () => {
    await demo.close();
    await production.close();
    await jwks.stop();
  });

  const report = (app: INestApplication<Server>, token: string | undefined, body: unknown) => {
    const call = request(app.getHttpServer()).post('/debug/token-checks');
    return (token === undefined ? call : call.set('Authorization', `Bearer ${token}`)).send(
      body as object,
    );
  };

  describe('outside demo mode', () => {
    it('does not exist: 404, like any unknown path', async () => {
      const response = await report(production, accessToken(key), { required_scope: 'notes:read' });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'Cannot POST /debug/token-checks',
      });
    });
  });

  describe('in demo mode', () => {
    it('answers 200 with every check of a valid token', async () => {
      const response = await report(demo, accessToken(key), { required_scope: 'notes:read' });
      expect(response.status).toBe(200);
      const sut = TokenChecksReportSchema.parse(response.body);
      expect(sut.verdict).toBe('valid');
      expect(sut.error).toBeUndefined();
      expect(sut.checks.map((check) => `${check.name}:${check.outcome}`)).toEqual([
        'format:pass',
        'alg:pass',
        'typ:pass',
        'kid:pass',
        'signature:pass',
        'nbf:pass',
        'exp:pass',
        'aud:pass',
        'iss:pass',
        'claims:pass',
        'scope:pass',
      ]);
    });

    it('reports a valid token that lacks the scope asked about: the scope is the question, not the credential', async () => {
      const token = accessToken(key, { claims: { scope: 'openid notes:read' } });
      const response = await report(demo, token, { required_scope: 'notes:write' }).expect(200);
      const sut = response.body as TokenChecksReport;
      expect(sut).toMatchObject({ verdict: 'invalid', error: 'insufficient_scope' });
      expect(sut.checks.find((check) => check.name === 'scope')).toEqual({
        name: 'scope',
        outcome: 'fail',
        detail: 'needs notes:write; the token grants openid notes:read',
        rfc: 'RFC 6750 §3.1',
      });
      expect(JSON.stringify(sut)).not.toContain(token.split('.')[1]);
    });

    it.each([
      ['no body', undefined],
      ['no required_scope', {}],
      ['another field', { required_scope: 'notes:read', token: 'x' }],
      ['a required_scope of two scopes', { required_scope: 'notes:read notes:write' }],
      ['a required_scope that is not a string', { required_scope: 7 }],
    ])('answers 400 to a body with %s', async (_case, body) => {
      const response = await report(demo, accessToken(key), body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });
    // Without a token, or with one that does not authenticate: report-callers.e2e-spec.ts (case 53).
  });

  /**
   * A token the API refuses as a credential gets the very same refusal here (status, body,
   * challenge), never a report; one it accepts, or refuses for the scope alone, gets a report whose
   * verdict and code are the API's.
   */
  describe('says what the API answers the same token', () => {
    const now = nowInSeconds();
    const header = { alg: 'RS256', typ: 'at+jwt', kid: key.kid };
    const tokens: [string, string, 'notes:read' | 'notes:write'][] = [
      ['a valid token (read)', accessToken(key), 'notes:read'],
      ['a valid token (write)', accessToken(key), 'notes:write'],
      ['not a JWT', 'not-a-jwt', 'notes:read'],
      ['alg none', unsecuredJwt({ ...header, alg: 'none' }, accessTokenClaims()), 'notes:read'],
      [
        'HS256 keyed with the public key',
        signHs256(key.publicKeyPem, { ...header, alg: 'HS256' }, accessTokenClaims()),
        'notes:read',
      ],
      [
        'an id_token',
        signRs256(
          key,
          { ...header, typ: 'JWT' },
          { iss: ISSUER, sub: 'alice', aud: 'client-web', iat: now, exp: now + 600 },
        ),
        'notes:read',
      ],
      [
        'an unknown kid',
        signRs256(key, { ...header, kid: 'key-2' }, accessTokenClaims()),
        'notes:read',
      ],
      ['a bad signature', accessToken(otherKey), 'notes:read'],
      ['a wrong iss', accessToken(key, { claims: { iss: `${ISSUER}/` } }), 'notes:read'],
      ['a wrong aud', accessToken(key, { claims: { aud: 'client-web' } }), 'notes:read'],
      ['an expired token', accessToken(key, { claims: { exp: now - 90 } }), 'notes:read'],
      ['nbf in the future', accessToken(key, { claims: { nbf: now + 120 } }), 'notes:read'],
      ['a missing claim', accessToken(key, { claims: { jti: undefined } }), 'notes:read'],
      [
        'an insufficient scope',
        accessToken(key, { claims: { scope: 'openid notes:read' } }),
        'notes:write',
      ],
    ];

    it.each(tokens)('%s', async (_case, token, scope) => {
      const api =
        scope === 'notes:read'
          ? request(demo.getHttpServer()).get('/notes')
          : request(demo.getHttpServer()).post('/notes').send({ title: 't', body: 'b' });
      const answer = await api.set('Authorization', `Bearer ${token}`);
      const response = await report(demo, token, { required_scope: scope });
      if (answer.status === 401) {
        expect(response.status).toBe(401);
        expect(response.body).toEqual(answer.body);
        expect(response.headers['www-authenticate']).toBe(answer.headers['www-authenticate']);
        return;
      }
      expect(response.status).toBe(200);
      const sut = response.body as TokenChecksReport;
      expect(sut.verdict).toBe(answer.status < 400 ? 'valid' : 'invalid');
      expect(sut.error).toBe((answer.body as { error?: string }).error);
      const failed = sut.checks.filter((check) => check.outcome === 'fail');
      expect(failed.length > 0).toBe(sut.verdict === 'invalid');
    });
  });
});
