import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenID Connect (OIDC Core §3.1): the `nonce` of an authorization request (§3.1.2.1) travels with
 * the request and then with its code into the id_token; the user's profile claims, which login-ui
 * vouched for at login, travel with the code too, so the id_token and /userinfo (§5.3) can release
 * them. Access tokens find them through their family (issued_access_tokens.code_digest).
 */
export class OpenIdConnect1764000300000 implements MigrationInterface {
  name = 'OpenIdConnect1764000300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE authorization_requests ADD COLUMN nonce TEXT`);
    await queryRunner.query(`ALTER TABLE authorization_codes ADD COLUMN nonce TEXT`);
    await queryRunner.query(`ALTER TABLE authorization_codes ADD COLUMN claims TEXT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE authorization_codes DROP COLUMN claims`);
    await queryRunner.query(`ALTER TABLE authorization_codes DROP COLUMN nonce`);
    await queryRunner.query(`ALTER TABLE authorization_requests DROP COLUMN nonce`);
  }
}
