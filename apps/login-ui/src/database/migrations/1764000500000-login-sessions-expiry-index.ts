import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index on login_sessions.expires_at: expired sessions are deleted by expiry, at each sign-in and
 * by the periodic purge (sessions/purge-expired-login-sessions.ts, docs/security-cases.md case 44),
 * without reading every live session (they last 14 days).
 */
export class LoginSessionsExpiryIndex1764000500000 implements MigrationInterface {
  name = 'LoginSessionsExpiryIndex1764000500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_login_sessions_expires_at" ON "login_sessions" ("expires_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_login_sessions_expires_at"`);
  }
}
