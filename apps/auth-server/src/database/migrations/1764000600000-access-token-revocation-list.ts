import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issuing a JWT access token stores nothing any more (RFC 9068 §4: the signature is the record);
 * only revocations are kept, until the tokens they name expire:
 * - revoked_access_tokens: one token its client revoked (RFC 7009), by jti;
 * - revoked_grants: a whole grant (a replayed code, a reused refresh token, a revoked refresh
 *   token, a disconnected app), by the grant_id claim its access tokens carry.
 * issued_access_tokens goes. Its revoked rows move to revoked_access_tokens, each by its jti (the
 * tokens issued before this migration carry no grant_id), so no revocation in force is lost.
 */
export class AccessTokenRevocationList1764000600000 implements MigrationInterface {
  name = 'AccessTokenRevocationList1764000600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE revoked_access_tokens (
        jti        TEXT PRIMARY KEY NOT NULL,
        expires_at INTEGER NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE revoked_grants (
        grant_id   TEXT PRIMARY KEY NOT NULL,
        revoked_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      )`);
    await queryRunner.query(`
      INSERT INTO revoked_access_tokens (jti, expires_at)
      SELECT jti, expires_at FROM issued_access_tokens WHERE revoked_at IS NOT NULL`);
    await queryRunner.query(`DROP INDEX idx_issued_access_tokens_code`);
    await queryRunner.query(`DROP TABLE issued_access_tokens`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE issued_access_tokens (
        jti         TEXT PRIMARY KEY NOT NULL,
        code_digest TEXT,
        client_id   TEXT NOT NULL,
        subject     TEXT NOT NULL,
        scope       TEXT NOT NULL,
        expires_at  INTEGER NOT NULL,
        revoked_at  INTEGER,
        created_at  INTEGER NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX idx_issued_access_tokens_code ON issued_access_tokens (code_digest)`,
    );
    await queryRunner.query(`DROP TABLE revoked_grants`);
    await queryRunner.query(`DROP TABLE revoked_access_tokens`);
  }
}
