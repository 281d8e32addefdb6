import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * client-web's schema: the express-session sessions (session/stored-session.entity.ts), so they
 * survive a restart (docs/security-cases.md, case 40). Keyed by the SHA-256 digest of the session
 * id; indexed by expiry for the cleanup of dead sessions.
 */
export class CreateSessions1764000500000 implements MigrationInterface {
  name = 'CreateSessions1764000500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "sessions" (
        "id_digest"  TEXT PRIMARY KEY NOT NULL,
        "data"       TEXT NOT NULL,
        "expires_at" INTEGER NOT NULL
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_sessions_expires_at" ON "sessions" ("expires_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_sessions_expires_at"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
  }
}
