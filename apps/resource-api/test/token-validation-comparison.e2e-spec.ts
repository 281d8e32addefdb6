import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { TokenValidationComparisonSchema } from '@oauth-flow-lab/contracts';
import request from 'supertest';
import { accessToken, nowInSeconds } from './fixtures/access-tokens';
import { FakeAuthServer } from './fixtures/fake-auth-server';
import { MODES, startResourceApiIn } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/**
 * POST /debug/token-validation (DEMO_MODE=true only): the same token validated both ways, each
 * timed, for client-web's "JWT or introspection?" page. It works whichever mode the API runs in,
 * and says which that is. The token is the caller's Bearer credential; who may ask:
 * report-callers.e2e-spec.ts.
 */
describe.each(MODES)(
  'resource-api: the JWT-or-introspection comparison (demo mode, TOKEN_VALIDATION=%s)',
  (mode) => {
    const key = createSigningKey('key-1');
    let authServer: FakeAuthServer;
    let demo: INestApplication<Server>;
    let production: INestApplication<Server>;

    beforeAll(async () => {
      authServer = await FakeAuthServer.start([key]);
      demo = await startResourceApiIn(mode, authServer, { DEMO_MODE: 'true' });
      production = await startResourceApiIn(mode, authServer);
    });

    afterAll(async () => {
      await demo.close();
      await production.close();
      await authServer.stop();
    });

    const compare = (app: INestApplication<Server>, token: string, body: unknown) =>
      request(app.getHttpServer())
        .post('/debug/token-validation')
        .set('Authorization', `Bearer ${token}`)
        .send(body as object);
    const comparisonOf = async (token: string, requiredScope = 'notes:read') => {
      const response = await compare(demo, token, { required_scope: requiredScope }).expect(200);
      expect(response.text).not.toContain(token);
      return TokenValidationComparisonSchema.parse(response.body);
    };

    it('does not exist outside demo mode: 404, like any unknown path', async () => {
      const response = await compare(production, accessToken(key), {
        required_scope: 'notes:read',
      });
      expect(response.status).toBe(404);
    });

    it('a valid token: valid both ways, the mode in use, the time each took', async () => {
      const exp = nowInSeconds() + 600;
      const comparison = await comparisonOf(accessToken(key, { claims: { exp } }));
      expect(comparison).toEqual({
        mode,
        required_scope: 'notes:read',
        introspection_cache_seconds: 5,
        jwt: {
          valid: true,
          check: 'exp',
          detail: expect.stringMatching(/^expires in (599|600) s$/),
          ms: expect.any(Number),
        },
        introspection: {
          valid: true,
          active: true,
          check: 'active',
          detail: expect.stringMatching(/^auth-server says active \(asked now, \d+ ms\)$/),
          ms: expect.any(Number),
        },
      });
    });

    it('the story of revocation: the JWT check still says valid until exp, introspection says inactive at once', async () => {
      // The revoked token still authenticates its caller here (only auth-server knows of it).
      const token = accessToken(key);
      // The API has just served it (and, in introspection mode, cached auth-server's answer).
      await request(demo.getHttpServer())
        .get('/notes')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      authServer.revoke(token);

      const after = await comparisonOf(token);
      expect(after.jwt).toMatchObject({ valid: true, check: 'exp' });
      expect(after.introspection).toEqual({
        valid: false,
        active: false,
        error: 'invalid_token',
        check: 'active',
        detail:
          'auth-server says {"active": false}: revoked, expired, unknown, or not for this resource server',
        ms: expect.any(Number),
      });
    });

    it('the same refusal both ways for what neither accepts: a missing scope -> insufficient_scope', async () => {
      const comparison = await comparisonOf(accessToken(key), 'notes:stats');
      expect(comparison.jwt).toMatchObject({
        valid: false,
        error: 'insufficient_scope',
        check: 'scope',
      });
      expect(comparison.introspection).toMatchObject({
        valid: false,
        active: true,
        error: 'insufficient_scope',
        check: 'scope',
      });
    });

    it('always asks auth-server, and leaves the API its own cache untouched', async () => {
      const token = accessToken(key);
      const before = authServer.introspectionRequests.length;
      await comparisonOf(token);
      await comparisonOf(token);
      expect(authServer.introspectionRequests.length - before).toBe(2);
    });

    it.each([
      ['no body', undefined],
      ['no required_scope', {}],
      ['a token in it', { token: 'x', required_scope: 'notes:read' }],
      ['an unknown field', { required_scope: 'notes:read', verbose: true }],
      ['a scope with a space', { required_scope: 'notes:read notes:write' }],
    ])('%s -> 400', async (_label, body) => {
      await compare(demo, accessToken(key), body).expect(400);
    });
  },
);
