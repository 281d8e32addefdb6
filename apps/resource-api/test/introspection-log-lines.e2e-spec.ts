import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { newFlowId, traceparentOf } from '@oauth-flow-lab/flow-log';
import request from 'supertest';
import { ALICE_SUB } from '../src/seeds/notes.seed';
import { accessToken } from './fixtures/access-tokens';
import { startLoggedResourceApi } from './fixtures/logged-resource-api';
import { FakeAuthServer } from './fixtures/fake-auth-server';
import { createSigningKey } from './fixtures/signing-keys';

interface LogRecord {
  level: number;
  msg: string;
  flow_id?: string;
  step?: number;
}

/**
 * The story resource-api tells in introspection mode (JSON logs): the request to auth-server's
 * /introspect is a step 6 line of its own, like the JWKS fetch of jwt mode; the step 6 line of the
 * checks names what auth-server said; the token is never written (it is not even decoded: it is
 * named by the jti auth-server answered). nestjs-pino keeps one pino per process: this file starts
 * one app.
 */
describe('resource-api in introspection mode: what it logs', () => {
  const key = createSigningKey('key-1');
  let lines: string[];
  let authServer: FakeAuthServer;
  let app: INestApplication<Server>;

  beforeAll(async () => {
    authServer = await FakeAuthServer.start([key]);
    ({ app, lines } = await startLoggedResourceApi({
      TOKEN_VALIDATION: 'introspection',
      INTROSPECTION_URL: authServer.introspectionUrl,
      DEMO_MODE: 'true',
    }));
  });

  afterAll(async () => {
    await app.close();
    await authServer.stop().catch(() => undefined);
  });

  /** Sends one GET /notes as client-web would, in a new flow, and returns that flow's step lines. */
  async function stepsOf(token: string, status: number): Promise<Omit<LogRecord, 'flow_id'>[]> {
    const flowId = newFlowId();
    await request(app.getHttpServer())
      .get('/notes')
      .set('Authorization', `Bearer ${token}`)
      .set('traceparent', traceparentOf(flowId))
      .expect(status);
    await new Promise((resolve) => setImmediate(resolve));
    return lines
      .map((line) => JSON.parse(line) as LogRecord)
      .filter((record) => record.flow_id === flowId && record.step !== undefined)
      .map(({ level, msg, step }) => ({ level, step, msg }));
  }

  it('a served request: the introspection request, step 5, then the checks of the answer', async () => {
    const token = accessToken(key, { claims: { sub: ALICE_SUB, jti: 'b2f0c7d4-9e1a-4c55' } });
    expect(await stepsOf(token, 200)).toEqual([
      {
        level: 30,
        step: 6,
        msg: expect.stringMatching(
          /^step 6 · resource-api → auth-server · back channel · POST \/introspect token_type_hint=access_token → 200 active \(jti=b2f0c7d4…, client_id=client-web, exp in (599|600) s\)$/,
        ),
      },
      {
        level: 30,
        step: 5,
        msg: 'step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=b2f0c7d4…) → 200',
      },
      {
        level: 30,
        step: 6,
        msg: expect.stringMatching(
          /^step 6 · resource-api → client-web · back channel · token checks: active \(asked auth-server\), token_type, iss, aud, exp in (599|600) s, scope notes:read → passed$/,
        ),
      },
    ]);
    // Used again: no request to auth-server, the answer kept.
    const again = await stepsOf(token, 200);
    expect(again.map(({ msg }) => msg)).toEqual([
      'step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=b2f0c7d4…) → 200',
      expect.stringMatching(/token checks: active \(kept 0\.\d s\), token_type, iss, aud, exp in/),
    ]);
    expect(lines.join('\n')).not.toContain(token.split('.')[2]);
  });

  it('a revoked token: auth-server says inactive, and the refusal names that check', async () => {
    const token = accessToken(key, { claims: { jti: 'a1b2c3d4-revoked' } });
    authServer.revoke(token);
    expect(await stepsOf(token, 401)).toEqual([
      {
        level: 30,
        step: 6,
        msg: 'step 6 · resource-api → auth-server · back channel · POST /introspect token_type_hint=access_token → 200 {"active": false}',
      },
      {
        level: 40,
        step: 5,
        msg: 'step 5 · client-web → resource-api · back channel · GET /notes (Bearer) → 401 invalid_token',
      },
      {
        level: 40,
        step: 6,
        msg: 'step 6 · resource-api → client-web · back channel · token checks: active failed → 401 invalid_token: auth-server says {"active": false}: revoked, expired, unknown, or not for this resource server',
      },
    ]);
    expect(lines.join('\n')).not.toContain(token.split('.')[2]);
  });

  it('auth-server away: the failed request, then the 503 it causes', async () => {
    await authServer.stop();
    expect(
      (await stepsOf(accessToken(key), 503)).map(({ level, msg }) => ({ level, msg })),
    ).toEqual([
      {
        level: 40,
        msg: 'step 6 · resource-api → auth-server · back channel · POST /introspect token_type_hint=access_token → no answer (ECONNREFUSED): 503 until it answers',
      },
      {
        level: 40,
        msg: 'step 5 · client-web → resource-api · back channel · GET /notes (Bearer) → 503 temporarily_unavailable',
      },
      {
        level: 40,
        msg: 'step 6 · resource-api → client-web · back channel · token checks: active failed → 503 temporarily_unavailable: auth-server could not be asked (no answer (ECONNREFUSED))',
      },
    ]);
  });
});
