import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteOptions } from '@oauth-flow-lab/database';
import { DataSource } from 'typeorm';
import { InitialSchema1763900000000 } from '../src/database/migrations/1763900000000-initial-schema';
import { startAuthServer } from './fixtures/auth-server.fixture';
import { expectJsonError } from './fixtures/expectations';
import { postForm } from './fixtures/form-requests';
import { clientWeb, refresh, tokensWithRefresh, withRefreshToken } from './fixtures/refresh-tokens';

/** Refresh tokens, rotations and revocations are in the database file, not in memory. */
describe('case 40: the token lifecycle survives a restart', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'auth-server-lifecycle-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('case 40: a refresh token, its rotation and a revocation are all still known after a restart', async () => {
    const env = { DATABASE_PATH: join(directory, 'auth-server.sqlite') };

    const first = await startAuthServer(env);
    const kept = await tokensWithRefresh(first);
    const rotated = await tokensWithRefresh(first);
    const next = withRefreshToken(await refresh(first, rotated.refresh_token));
    const revoked = await tokensWithRefresh(first);
    await postForm(first, '/revoke', { token: revoked.refresh_token }, clientWeb(first)).expect(
      200,
    );
    await first.close();

    const second = await startAuthServer(env);
    try {
      await refresh(second, kept.refresh_token).expect(200);
      expectJsonError(await refresh(second, revoked.refresh_token), 400, 'invalid_grant');
      // Reuse is still detected: the old token revokes the family, `next` included.
      expectJsonError(await refresh(second, rotated.refresh_token), 400, 'invalid_grant');
      expectJsonError(await refresh(second, next.refresh_token), 400, 'invalid_grant');
    } finally {
      await second.close();
    }
  });

  it('case 40: a database made by the first migration only is migrated at start, and refreshes work', async () => {
    const databasePath = join(directory, 'before-token-lifecycle.sqlite');
    const old = new DataSource(
      sqliteOptions({
        database: databasePath,
        entities: [],
        migrations: [InitialSchema1763900000000],
      }),
    );
    await old.initialize();
    await old.destroy();

    const sut = await startAuthServer({ DATABASE_PATH: databasePath });
    try {
      const tokens = await tokensWithRefresh(sut);
      await refresh(sut, tokens.refresh_token).expect(200);
    } finally {
      await sut.close();
    }
  });
});
