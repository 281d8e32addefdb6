import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteOptions } from '@oauth-flow-lab/database';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/database';
import { AccessTokenRevocationList1764000600000 } from '../src/database/migrations/1764000600000-access-token-revocation-list';
import { RevokedAccessTokenEntity } from '../src/tokens/revoked-access-token.entity';
import { startAuthServer } from './fixtures/auth-server.fixture';

/**
 * An installation from before issue 17 kept a row per issued access token. Upgrading keeps every
 * revocation still in force: the revoked rows move to the revocation list by jti, the others go.
 */
describe('the revocation list migration', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'auth-server-revocation-list-'));
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('moves the revoked access tokens of issued_access_tokens to the list, and nothing else', async () => {
    const databasePath = join(directory, 'before.sqlite');
    const older = new DataSource(
      sqliteOptions({
        database: databasePath,
        entities: [],
        migrations: MIGRATIONS.filter((m) => m !== AccessTokenRevocationList1764000600000),
      }),
    );
    await older.initialize();
    const insert =
      'INSERT INTO issued_access_tokens (jti, code_digest, client_id, subject, scope, expires_at, revoked_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
    await older.query(insert, ['revoked', 'family', 'client-web', 'alice', '[]', 4e9, 1000, 900]);
    await older.query(insert, ['alive', 'family', 'client-web', 'alice', '[]', 4e9, null, 900]);
    await older.destroy();

    const sut = await startAuthServer({ DATABASE_PATH: databasePath });
    try {
      const listed = await sut.dataSource.getRepository(RevokedAccessTokenEntity).find();
      expect(listed).toEqual([{ jti: 'revoked', expiresAt: 4e9 }]);
      const schema = sut.dataSource.createQueryRunner();
      try {
        expect(await schema.hasTable('issued_access_tokens')).toBe(false);
      } finally {
        await schema.release();
      }
    } finally {
      await sut.close();
    }
  });
});
