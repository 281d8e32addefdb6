import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OIDC Core §3.1.2.1, `max_age` (docs/security-cases.md, case 52): the authorization request keeps
 * the client's value, so the login request can hand it to login-ui and the login accept can be
 * refused when its authentication is older. Null for requests without one (and older rows).
 */
export class MaxAge1764000800000 implements MigrationInterface {
  name = 'MaxAge1764000800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE authorization_requests ADD COLUMN max_age INTEGER`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE authorization_requests DROP COLUMN max_age`);
  }
}
