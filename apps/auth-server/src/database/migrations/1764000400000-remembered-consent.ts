import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Remembered consent and `prompt` (OIDC Core §3.1.2.1):
 * - remembered_consents: one row per user and client, the scopes the user agreed to with
 *   "remember this decision", so a later request within them can skip the consent page;
 * - authorization_requests.prompt: the request's `prompt` values (JSON array), which decide whether
 *   login-ui may skip its login form (`login`) and whether consent may be skipped (`consent`).
 */
export class RememberedConsent1764000400000 implements MigrationInterface {
  name = 'RememberedConsent1764000400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE remembered_consents (
        subject       TEXT NOT NULL,
        client_id     TEXT NOT NULL,
        scope         TEXT NOT NULL,
        remembered_at INTEGER NOT NULL,
        PRIMARY KEY (subject, client_id)
      )`);
    await queryRunner.query(`ALTER TABLE authorization_requests ADD COLUMN prompt TEXT`);
    await queryRunner.query(
      `CREATE INDEX idx_refresh_tokens_subject_client ON refresh_tokens (subject, client_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_refresh_tokens_subject_client`);
    await queryRunner.query(`ALTER TABLE authorization_requests DROP COLUMN prompt`);
    await queryRunner.query(`DROP TABLE remembered_consents`);
  }
}
