import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indices on the expiry of the tables the periodic purge empties (database/purges.ts,
 * docs/security-cases.md case 44): each run deletes the rows past their retention without reading
 * every row still within it (codes and refresh tokens are kept for days).
 */
export class ExpiryIndices1764000700000 implements MigrationInterface {
  name = 'ExpiryIndices1764000700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX idx_authorization_requests_expires_at ON authorization_requests (expires_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_authorization_codes_expires_at ON authorization_codes (expires_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_refresh_tokens_expires_at ON refresh_tokens (expires_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_refresh_tokens_expires_at`);
    await queryRunner.query(`DROP INDEX idx_authorization_codes_expires_at`);
    await queryRunner.query(`DROP INDEX idx_authorization_requests_expires_at`);
  }
}
