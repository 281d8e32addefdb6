import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL's side of ../1764000700000-expiry-indices.ts: the same change. */
export class PostgresExpiryIndices1764100200000 implements MigrationInterface {
  name = 'PostgresExpiryIndices1764100200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_authorization_requests_expires_at" ON "authorization_requests" ("expires_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_authorization_codes_expires_at" ON "authorization_codes" ("expires_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_refresh_tokens_expires_at" ON "refresh_tokens" ("expires_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_refresh_tokens_expires_at"`);
    await queryRunner.query(`DROP INDEX "idx_authorization_codes_expires_at"`);
    await queryRunner.query(`DROP INDEX "idx_authorization_requests_expires_at"`);
  }
}
