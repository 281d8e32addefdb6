import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * login-ui's own sessions ("Keep me signed in", sessions/login-session.entity.ts). Only the SHA-256
 * digest of each session id is stored: a leaked database row cannot be turned into a cookie.
 */
export class CreateLoginSessions1764000400000 implements MigrationInterface {
  name = 'CreateLoginSessions1764000400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "login_sessions" (
        "id_digest" TEXT PRIMARY KEY NOT NULL,
        "user_id" TEXT NOT NULL,
        "created_at" INTEGER NOT NULL,
        "expires_at" INTEGER NOT NULL
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "idx_login_sessions_user" ON "login_sessions" ("user_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_sessions"`);
  }
}
