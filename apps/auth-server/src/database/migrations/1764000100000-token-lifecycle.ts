import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The token lifecycle: refresh tokens (RFC 6749 §6), stored by digest and grouped in families, one
 * family per authorization code (RFC 9700 §4.14.2), so a reused refresh token can revoke them all.
 */
export class TokenLifecycle1764000100000 implements MigrationInterface {
  name = 'TokenLifecycle1764000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        token_digest TEXT PRIMARY KEY NOT NULL,
        family_id    TEXT NOT NULL,
        client_id    TEXT NOT NULL,
        subject      TEXT NOT NULL,
        scope        TEXT NOT NULL,
        auth_time    INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL,
        rotated_at   INTEGER,
        revoked_at   INTEGER,
        created_at   INTEGER NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX idx_refresh_tokens_family ON refresh_tokens (family_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE refresh_tokens`);
  }
}
