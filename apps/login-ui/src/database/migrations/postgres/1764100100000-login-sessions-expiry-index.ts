import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL's side of ../1764000500000-login-sessions-expiry-index.ts: the same change. */
export class PostgresLoginSessionsExpiryIndex1764100100000 implements MigrationInterface {
  name = 'PostgresLoginSessionsExpiryIndex1764100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_login_sessions_expires_at" ON "login_sessions" ("expires_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_login_sessions_expires_at"`);
  }
}
