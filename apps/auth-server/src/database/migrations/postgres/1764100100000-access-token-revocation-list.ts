import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL's side of ../1764000600000-access-token-revocation-list.ts: the same change. */
export class PostgresAccessTokenRevocationList1764100100000 implements MigrationInterface {
  name = 'PostgresAccessTokenRevocationList1764100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "revoked_access_tokens" ("jti" text NOT NULL, "expires_at" integer NOT NULL, CONSTRAINT "PK_340815421be58a8330570a1d6fb" PRIMARY KEY ("jti"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "revoked_grants" ("grant_id" text NOT NULL, "revoked_at" integer NOT NULL, "expires_at" integer NOT NULL, CONSTRAINT "PK_b02f0b1fabac4a052835b238727" PRIMARY KEY ("grant_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "revoked_access_tokens" ("jti", "expires_at") SELECT "jti", "expires_at" FROM "issued_access_tokens" WHERE "revoked_at" IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "idx_issued_access_tokens_code"`);
    await queryRunner.query(`DROP TABLE "issued_access_tokens"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "issued_access_tokens" ("jti" text NOT NULL, "code_digest" text, "client_id" text NOT NULL, "subject" text NOT NULL, "scope" text NOT NULL, "expires_at" integer NOT NULL, "revoked_at" integer, "created_at" integer NOT NULL, CONSTRAINT "PK_ba180406113fbf46571e68f3f42" PRIMARY KEY ("jti"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_issued_access_tokens_code" ON "issued_access_tokens" ("code_digest")`,
    );
    await queryRunner.query(`DROP TABLE "revoked_grants"`);
    await queryRunner.query(`DROP TABLE "revoked_access_tokens"`);
  }
}
