import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing-key rotation (case 38): each key gets the moment it started signing (`activated_at`) and
 * the moment a newer key replaced it (`retired_at`). A retired key stays in the JWKS until every
 * token it signed has expired. Keys created before this migration: each started signing when it was
 * created, and all but the newest are retired since the newest one was created.
 */
export class SigningKeyRotation1764000200000 implements MigrationInterface {
  name = 'SigningKeyRotation1764000200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE signing_keys ADD COLUMN activated_at INTEGER`);
    await queryRunner.query(`ALTER TABLE signing_keys ADD COLUMN retired_at INTEGER`);
    await queryRunner.query(`UPDATE signing_keys SET activated_at = created_at`);
    await queryRunner.query(`
      UPDATE signing_keys
         SET retired_at = (SELECT MAX(created_at) FROM signing_keys)
       WHERE kid <> (SELECT kid FROM signing_keys ORDER BY created_at DESC, rowid DESC LIMIT 1)`);
    await queryRunner.query(
      `CREATE INDEX idx_signing_keys_activated_at ON signing_keys (activated_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_signing_keys_activated_at`);
    await queryRunner.query(`ALTER TABLE signing_keys DROP COLUMN retired_at`);
    await queryRunner.query(`ALTER TABLE signing_keys DROP COLUMN activated_at`);
  }
}
