import { NoteStatsSchema } from '@oauth-flow-lab/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ALICE_SUB, BOB_SUB, NOTE_SEEDS } from '../src/seeds/notes.seed';
import { accessToken } from './fixtures/access-tokens';
import { FakeAuthServer } from './fixtures/fake-auth-server';
import { MODES, startResourceApiIn, useResourceApi } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/**
 * GET /notes/stats: for a machine client's token (client_credentials, RFC 6749 §4.4), whose `sub` is
 * the client itself. Scopes keep the two kinds of token apart in both directions.
 */
describe.each(MODES)('resource-api: /notes/stats (TOKEN_VALIDATION=%s)', (mode) => {
  const key = createSigningKey('key-1');
  const sut = useResourceApi([key], mode);

  /** A token as auth-server issues it to reporting-service: no user, no auth_time. */
  const machineToken = (scope = 'notes:stats') =>
    accessToken(key, {
      claims: { sub: 'reporting-service', client_id: 'reporting-service', scope },
    });
  const get = (path: string, token: string) =>
    request(sut.app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);

  const expectInsufficientScope = (response: request.Response, scope: string) => {
    const description = `This resource requires the scope ${scope}`;
    expect(response.headers['www-authenticate']).toBe(
      `Bearer realm="http://localhost:3003", error="insufficient_scope", ` +
        `error_description="${description}", scope="${scope}"`,
    );
    expect(response.body).toEqual({ error: 'insufficient_scope', error_description: description });
  };

  it('counts the notes of each user and in all, without their contents', async () => {
    const response = await get('/notes/stats', machineToken()).expect(200);
    const countOf = (sub: string) => NOTE_SEEDS.filter((seed) => seed.ownerSub === sub).length;
    expect(NoteStatsSchema.parse(response.body)).toEqual({
      notes_per_user: [
        { sub: ALICE_SUB, count: countOf(ALICE_SUB) },
        { sub: BOB_SUB, count: countOf(BOB_SUB) },
      ],
      total: NOTE_SEEDS.length,
    });
    for (const seed of NOTE_SEEDS) {
      expect(response.text).not.toContain(seed.title);
    }
  });

  it('counts a note created since', async () => {
    const before = NoteStatsSchema.parse((await get('/notes/stats', machineToken())).body);
    await request(sut.app.getHttpServer())
      .post('/notes')
      .set(
        'Authorization',
        `Bearer ${accessToken(key, { claims: { sub: 'carol', scope: 'notes:write' } })}`,
      )
      .send({ title: 'Carol', body: 'a note' })
      .expect(201);
    const after = NoteStatsSchema.parse((await get('/notes/stats', machineToken())).body);
    expect(after.total).toBe(before.total + 1);
    expect(after.notes_per_user).toContainEqual({ sub: 'carol', count: 1 });
  });

  it('orders the owners the same way on every database: by code unit, capitals first', async () => {
    for (const sub of ['amy', 'Zed']) {
      await request(sut.app.getHttpServer())
        .post('/notes')
        .set(
          'Authorization',
          `Bearer ${accessToken(key, { claims: { sub, scope: 'notes:write' } })}`,
        )
        .send({ title: sub, body: 'a note' })
        .expect(201);
    }
    const subs = NoteStatsSchema.parse(
      (await get('/notes/stats', machineToken()).expect(200)).body,
    ).notes_per_user.map(({ sub }) => sub);
    expect(subs.indexOf('Zed')).toBeLessThan(subs.indexOf('amy'));
    expect(subs).toEqual([...subs].sort());
  });

  it('case 32: a machine token (notes:stats) on GET /notes -> 403 insufficient_scope', async () => {
    const response = await get('/notes', machineToken()).expect(403);
    expectInsufficientScope(response, 'notes:read');
  });

  it('case 32: a user token on /notes/stats -> 403 insufficient_scope', async () => {
    const userToken = accessToken(key, {
      claims: { sub: ALICE_SUB, scope: 'openid profile notes:read notes:write' },
    });
    const response = await get('/notes/stats', userToken).expect(403);
    expectInsufficientScope(response, 'notes:stats');
  });

  it('case 27: no token -> 401', async () => {
    await request(sut.app.getHttpServer()).get('/notes/stats').expect(401);
  });
});

/**
 * On sqlite the stats statement is prepared once and kept (src/notes/stats-query.ts). sqlite will
 * not close a connection with a statement still open, and Nest's TypeORM module only logs that
 * failure: the statement must be finalized when the app closes, or the file stays open.
 */
describe('resource-api: /notes/stats and closing the database', () => {
  const key = createSigningKey('key-1');
  let authServer: FakeAuthServer;

  beforeAll(async () => {
    authServer = await FakeAuthServer.start([key]);
  });

  afterAll(async () => {
    await authServer.stop();
  });

  it('closes the connection after serving the stats', async () => {
    const app = await startResourceApiIn('jwt', authServer);
    const dataSource = app.get(DataSource);
    const token = accessToken(key, {
      claims: { sub: 'reporting-service', client_id: 'reporting-service', scope: 'notes:stats' },
    });
    for (let i = 0; i < 2; i++) {
      await request(app.getHttpServer())
        .get('/notes/stats')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
    }
    await app.close();
    expect(dataSource.isInitialized).toBe(false);
  });
});
