import type { AccessTokenClaims } from '@oauth-flow-lab/contracts';
import { initializeDatabase } from '@oauth-flow-lab/database';
import type { DataSource } from 'typeorm';
import { MAX_SIGNED_TOKEN_TTL_SECONDS } from '../config/auth-server.config';
import { databaseOptions } from '../database/database';
import { AccessTokenRevocations } from './access-token-revocations';
import { RevokedAccessTokenEntity } from './revoked-access-token.entity';
import { RevokedGrantEntity } from './revoked-grant.entity';

const NOW = 1_800_000_000;

function claims(overrides: Partial<AccessTokenClaims> = {}): AccessTokenClaims {
  return {
    iss: 'http://localhost:3000',
    sub: 'alice',
    aud: 'http://localhost:3003',
    client_id: 'client-web',
    scope: 'notes:read',
    iat: NOW - 60,
    exp: NOW + 540,
    jti: 'jti-1',
    grant_id: 'grant-1',
    ...overrides,
  };
}

describe(AccessTokenRevocations.name, () => {
  let database: DataSource;
  let sut: AccessTokenRevocations;

  beforeEach(async () => {
    database = await initializeDatabase(
      databaseOptions({ url: undefined, sqlitePath: ':memory:' }),
    );
    sut = new AccessTokenRevocations();
  });

  afterEach(() => database.destroy());

  it('knows nothing of a token until it is revoked: issuing stores nothing', async () => {
    expect(await sut.isRevoked(database.manager, claims())).toBe(false);
    expect(await database.getRepository(RevokedAccessTokenEntity).count()).toBe(0);
  });

  it('revokes one token by its jti, once, and leaves the rest of its grant alone', async () => {
    expect(await sut.revokeToken(database.manager, claims(), NOW)).toBe(true);
    expect(await sut.revokeToken(database.manager, claims(), NOW)).toBe(false);

    expect(await sut.isRevoked(database.manager, claims())).toBe(true);
    expect(await sut.isRevoked(database.manager, claims({ jti: 'jti-2' }))).toBe(false);
  });

  it('revokes every token of a grant by its grant_id, and no token of another grant', async () => {
    await sut.revokeGrant(database.manager, 'grant-1', NOW);

    expect(await sut.isRevoked(database.manager, claims({ jti: 'a' }))).toBe(true);
    expect(await sut.isRevoked(database.manager, claims({ jti: 'b' }))).toBe(true);
    expect(await sut.isRevoked(database.manager, claims({ grant_id: 'grant-2' }))).toBe(false);
    expect(await sut.isRevoked(database.manager, claims({ grant_id: undefined }))).toBe(false);
  });

  it('keeps an entry until the tokens it names expire, and purges it after', async () => {
    await sut.revokeToken(database.manager, claims({ jti: 'short', exp: NOW + 10 }), NOW);
    await sut.revokeGrant(database.manager, 'grant-1', NOW);

    // A revocation made later purges what has expired by then, and only that.
    await sut.revokeToken(database.manager, claims({ jti: 'later', exp: NOW + 900 }), NOW + 11);
    expect(
      await sut.isRevoked(database.manager, claims({ jti: 'short', grant_id: undefined })),
    ).toBe(false);
    expect(await database.getRepository(RevokedGrantEntity).count()).toBe(1);

    // A grant's entry outlives any token it can name, whatever ACCESS_TOKEN_TTL_SECONDS was when
    // they were issued (600 s then, 60 s now: a token of before still has 540 s to live).
    const end = NOW + MAX_SIGNED_TOKEN_TTL_SECONDS;
    await sut.revokeToken(database.manager, claims({ jti: 'x', exp: end + 900 }), NOW + 601);
    expect(await sut.isRevoked(database.manager, claims({ jti: 'of-before' }))).toBe(true);
    await sut.revokeToken(database.manager, claims({ jti: 'y', exp: end + 900 }), end);
    expect(await database.getRepository(RevokedGrantEntity).count()).toBe(1);

    await sut.revokeToken(database.manager, claims({ jti: 'last', exp: end + 900 }), end + 1);
    expect(await database.getRepository(RevokedGrantEntity).count()).toBe(0);
  });
});
