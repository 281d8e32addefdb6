import {
  createTestDatabase,
  describeWithPostgres,
  type TestDatabase,
} from '@oauth-flow-lab/testing';
import request from 'supertest';
import { ClientEntity } from '../src/clients/client.entity';
import { SigningKeysService } from '../src/keys/signing-keys.service';
import { SigningKeyEntity } from '../src/keys/signing-key.entity';
import { fetchJwks, verifyAccessToken } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode } from './fixtures/authorization-flow';
import { expectJsonError } from './fixtures/expectations';
import { isRefreshTokenRevoked, refresh, withRefreshToken } from './fixtures/refresh-tokens';
import { asReportingService, postToken, redeemCode } from './fixtures/token-request';

/**
 * Two auth-server replicas on one PostgreSQL database (DATABASE_URL), as behind a load balancer:
 * everything a replica knows is in the shared store, so any step can land on either. Runs under
 * `npm run test:scale` (TEST_POSTGRES_URL); skipped otherwise.
 */
describeWithPostgres('two auth-server replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: TestAuthServer;
  let b: TestAuthServer;

  beforeAll(async () => {
    database = await createTestDatabase('auth_server_replicas');
    // Started together: both find the database empty.
    [a, b] = await Promise.all([
      startAuthServer({ DATABASE_URL: database.url }),
      startAuthServer({ DATABASE_URL: database.url }),
    ]);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  async function activeKeys(): Promise<SigningKeyEntity[]> {
    const keys = await a.dataSource.getRepository(SigningKeyEntity).find();
    const now = Math.floor(Date.now() / 1000);
    return keys.filter(
      (key) =>
        key.activatedAt !== null &&
        key.activatedAt <= now &&
        (key.retiredAt === null || key.retiredAt > now),
    );
  }

  async function clientCredentialsKid(sut: TestAuthServer): Promise<unknown> {
    const response = await postToken(
      sut,
      { grant_type: 'client_credentials' },
      asReportingService(sut),
    ).expect(200);
    const body = response.body as { access_token: string };
    return verifyAccessToken(body.access_token, await fetchJwks(sut)).header['kid'];
  }

  it('start together: the migrations run once, the clients are seeded once, one signing key is active', async () => {
    const migrations = await a.dataSource.query<{ name: string }[]>('SELECT name FROM migrations');
    expect(migrations.map((row) => row.name)).toEqual([
      'PostgresInitialSchema1764100000000',
      'PostgresAccessTokenRevocationList1764100100000',
      'PostgresExpiryIndices1764100200000',
      'PostgresMaxAge1764100300000',
    ]);
    const clients = await a.dataSource.getRepository(ClientEntity).find();
    expect(clients.map((client) => client.clientId).sort()).toEqual([
      'client-web',
      'reporting-service',
      'resource-api',
    ]);
    expect(await activeKeys()).toHaveLength(1);
    expect(await fetchJwks(b)).toEqual(await fetchJwks(a));
  });

  it('steps 1-2 at one replica, the code exchange (steps 3-4) at the other', async () => {
    const issued = await authorizeAndGetCode(a);
    const response = await redeemCode(b, issued).expect(200);
    const body = response.body as { access_token: string };
    expect(verifyAccessToken(body.access_token, await fetchJwks(a)).payload['client_id']).toBe(
      'client-web',
    );
  });

  it('case 15 across replicas: 20 parallel redemptions of one code, spread over both -> exactly one 200', async () => {
    const issued = await authorizeAndGetCode(a);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => redeemCode(i % 2 === 0 ? a : b, issued)),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 200)) {
      expectJsonError(response, 400, 'invalid_grant');
    }
  });

  it('a refresh token rotates at alternating replicas; the replayed one revokes the family at either', async () => {
    const issued = await authorizeAndGetCode(a, { scope: 'openid offline_access notes:read' });
    const first = withRefreshToken(await redeemCode(a, issued));
    const second = withRefreshToken(await refresh(b, first.refresh_token));
    const third = withRefreshToken(await refresh(a, second.refresh_token));

    // second was rotated at a: replaying it at b is a reuse (RFC 9700 §4.14.2).
    expectJsonError(await refresh(b, second.refresh_token), 400, 'invalid_grant');
    expect(await isRefreshTokenRevoked(a, third.refresh_token)).toBe(true);
  });

  it('a refresh token used at both replicas at once -> one success, the others invalid_grant', async () => {
    const issued = await authorizeAndGetCode(b, { scope: 'openid offline_access notes:read' });
    const tokens = withRefreshToken(await redeemCode(b, issued));
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => refresh(i % 2 === 0 ? a : b, tokens.refresh_token)),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 200)) {
      expectJsonError(response, 400, 'invalid_grant');
    }
  });

  it('a key rotation at one replica is published by the other at once, and signs there after its reload', async () => {
    const rotated = await a.publicApp.get(SigningKeysService).rotate();
    const published = await request(b.publicServer).get('/.well-known/jwks.json').expect(200);
    expect((published.body as { keys: { kid: string }[] }).keys.map((key) => key.kid)).toContain(
      rotated.kid,
    );
    expect(await clientCredentialsKid(a)).toBe(rotated.kid);
    // b re-reads the keys every few seconds (ACTIVE_KEY_RELOAD_SECONDS); the test does not wait.
    await b.publicApp.get(SigningKeysService).reloadSigningKeys();
    expect(await clientCredentialsKid(b)).toBe(rotated.kid);
  });

  it('two rotations at once, one per replica, leave exactly one active key', async () => {
    await Promise.all([
      a.publicApp.get(SigningKeysService).rotate(),
      b.publicApp.get(SigningKeysService).rotate(),
    ]);
    expect(await activeKeys()).toHaveLength(1);
  });
});
