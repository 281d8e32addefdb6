import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { newFlowId, traceparentOf } from '@oauth-flow-lab/flow-log';
import request from 'supertest';
import { ALICE_SUB } from '../src/seeds/notes.seed';
import { accessToken, accessTokenClaims, nowInSeconds, signRs256 } from './fixtures/access-tokens';
import { startLoggedResourceApi } from './fixtures/logged-resource-api';
import { FakeAuthServer, JWKS_PATH } from './fixtures/fake-auth-server';
import { createSigningKey } from './fixtures/signing-keys';

interface LogRecord {
  level: number;
  msg: string;
  service?: string;
  flow_id?: string;
  step?: number;
}

/**
 * The story resource-api tells (JSON logs, read through FlowLogModule's destination): steps 5 and
 * 6 of every guarded request and the JWKS fetches, with the flow id of client-web's traceparent,
 * and never a token. nestjs-pino keeps one pino per process: this file starts one app.
 */
describe('resource-api: what it logs', () => {
  const key = createSigningKey('key-1');
  let lines: string[];
  let jwks: FakeAuthServer;
  let app: INestApplication<Server>;

  beforeAll(async () => {
    jwks = await FakeAuthServer.start([key]);
    ({ app, lines } = await startLoggedResourceApi({ JWKS_URL: jwks.jwksUrl, DEMO_MODE: 'true' }));
  });

  afterAll(async () => {
    await app.close();
    await jwks.stop().catch(() => undefined);
  });

  /** Sends one request as client-web would, in a new flow, and returns that flow's lines. */
  async function inFlow(
    send: (traceparent: string) => Promise<unknown>,
  ): Promise<{ flowId: string; records: LogRecord[] }> {
    const flowId = newFlowId();
    await send(traceparentOf(flowId));
    // The served lines are written when the response finishes: let the stream deliver them.
    await new Promise((resolve) => setImmediate(resolve));
    const records = lines.map((line) => JSON.parse(line) as LogRecord);
    return { flowId, records: records.filter((record) => record.flow_id === flowId) };
  }

  const stepLines = (records: LogRecord[]) =>
    records.filter((record) => record.step !== undefined).map(({ level, msg }) => ({ level, msg }));

  it('tells a served request: the JWKS fetch, step 5 with its answer, step 6 with the checks passed', async () => {
    const token = accessToken(key, { claims: { sub: ALICE_SUB, jti: 'b2f0c7d4-9e1a-4c55' } });
    const { records } = await inFlow((traceparent) =>
      request(app.getHttpServer())
        .get('/notes')
        .set('Authorization', `Bearer ${token}`)
        .set('traceparent', traceparent)
        .expect(200),
    );
    expect(stepLines(records)).toEqual([
      {
        level: 30,
        msg: 'step 6 · resource-api → auth-server · back channel · GET /.well-known/jwks.json → 200 (1 key)',
      },
      {
        level: 30,
        msg: 'step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=b2f0c7d4…) → 200',
      },
      {
        level: 30,
        msg: expect.stringMatching(
          /^step 6 · resource-api → client-web · back channel · token checks: signature kid=key-1, iss, aud, exp in (599|600) s, scope notes:read → passed$/,
        ),
      },
    ]);
    expect(records.every((record) => record.service === 'resource-api')).toBe(true);
    expect(lines.join('\n')).not.toContain(token.split('.')[2]);
  });

  it('sends the flow on the JWKS fetch (traceparent), so auth-server logs it in the same flow', async () => {
    const flowId = newFlowId();
    const unknownKid = signRs256(
      key,
      { alg: 'RS256', typ: 'at+jwt', kid: 'key-2' },
      accessTokenClaims(),
    );
    await request(app.getHttpServer())
      .get('/notes')
      .set('Authorization', `Bearer ${unknownKid}`)
      .set('traceparent', traceparentOf(flowId))
      .expect(401);
    expect(jwks.requests.at(-1)).toBe(JWKS_PATH);
    expect(jwks.traceparents.at(-1)).toMatch(new RegExp(`^00-${flowId}-[0-9a-f]{16}-01$`));
  });

  it('tells a refused token at warn: the RFC 6750 code and the check that failed', async () => {
    const now = nowInSeconds();
    const expired = accessToken(key, { claims: { iat: now - 700, exp: now - 90, jti: 'a1b2' } });
    const { records } = await inFlow((traceparent) =>
      request(app.getHttpServer())
        .get('/notes')
        .set('Authorization', `Bearer ${expired}`)
        .set('traceparent', traceparent)
        .expect(401),
    );
    expect(stepLines(records)).toEqual([
      {
        level: 40,
        msg: 'step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=a1b2) → 401 invalid_token',
      },
      {
        level: 40,
        msg: expect.stringMatching(
          /^step 6 · resource-api → client-web · back channel · token checks: format, alg, typ, kid, signature, nbf passed; exp failed → 401 invalid_token: expired 9\d s ago, beyond the 60 s leeway$/,
        ),
      },
    ]);
  });

  it('tells an insufficient scope with the scope needed (403)', async () => {
    const readOnly = accessToken(key, { claims: { scope: 'openid notes:read', jti: 'c3d4' } });
    const { records } = await inFlow((traceparent) =>
      request(app.getHttpServer())
        .post('/notes')
        .send({ title: 't', body: 'b' })
        .set('Authorization', `Bearer ${readOnly}`)
        .set('traceparent', traceparent)
        .expect(403),
    );
    expect(stepLines(records).map(({ msg }) => msg)).toEqual([
      'step 5 · client-web → resource-api · back channel · POST /notes (Bearer jti=c3d4) → 403 insufficient_scope',
      'step 6 · resource-api → client-web · back channel · token checks: format, alg, typ, kid, signature, nbf, exp, aud, iss, claims passed; scope failed → 403 insufficient_scope: needs notes:write; the token grants openid notes:read',
    ]);
  });

  it('tells an accepted token with the answer actually sent: a body the route refuses is a 400 in step 5', async () => {
    const writer = accessToken(key, { claims: { scope: 'openid notes:write', jti: 'e5f6' } });
    const { records } = await inFlow((traceparent) =>
      request(app.getHttpServer())
        .post('/notes')
        .send({ title: '' })
        .set('Authorization', `Bearer ${writer}`)
        .set('traceparent', traceparent)
        .expect(400),
    );
    expect(stepLines(records)).toEqual([
      {
        level: 40,
        msg: 'step 5 · client-web → resource-api · back channel · POST /notes (Bearer jti=e5f6) → 400',
      },
      {
        level: 30,
        msg: expect.stringMatching(
          /^step 6 · resource-api → client-web · back channel · token checks: .* scope notes:write → passed$/,
        ),
      },
    ]);
  });

  it('tells a request without a token: no check made, the bare challenge', async () => {
    const { records } = await inFlow((traceparent) =>
      request(app.getHttpServer()).get('/notes').set('traceparent', traceparent).expect(401),
    );
    expect(stepLines(records).map(({ msg }) => msg)).toEqual([
      'step 5 · client-web → resource-api · back channel · GET /notes (no Bearer token) → 401',
      'step 6 · resource-api → client-web · back channel · token checks: not made → 401: This resource needs an access token: send it as Authorization: Bearer <token>',
    ]);
  });

  it('logs a report at debug, as one line that is not a step of the flow', async () => {
    const { records } = await inFlow((traceparent) =>
      request(app.getHttpServer())
        .post('/debug/token-checks')
        .set('Authorization', `Bearer ${accessToken(key)}`)
        .set('traceparent', traceparent)
        .send({ required_scope: 'notes:write' })
        .expect(200),
    );
    expect(stepLines(records)).toEqual([]);
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 20,
        msg: 'token checks report for scope notes:write → valid',
      }),
    );
  });

  it('tells a failed JWKS fetch, then the 503 it causes', async () => {
    await jwks.stop();
    const unknownKid = signRs256(
      key,
      { alg: 'RS256', typ: 'at+jwt', kid: 'key-3' },
      accessTokenClaims({ jti: 'e5f6' }),
    );
    const { records } = await inFlow((traceparent) =>
      request(app.getHttpServer())
        .get('/notes')
        .set('Authorization', `Bearer ${unknownKid}`)
        .set('traceparent', traceparent)
        .expect(503),
    );
    expect(stepLines(records)).toEqual([
      {
        level: 40,
        msg: 'step 6 · resource-api → auth-server · back channel · GET /.well-known/jwks.json → no answer (ECONNREFUSED); keeps the key set fetched before (1 key)',
      },
      {
        level: 40,
        msg: 'step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=e5f6) → 503 temporarily_unavailable',
      },
      {
        level: 40,
        msg: `step 6 · resource-api → client-web · back channel · token checks: format, alg, typ passed; kid failed → 503 temporarily_unavailable: kid "key-3" cannot be looked up: the issuer's key set cannot be fetched`,
      },
    ]);
  });
});
