import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL's side of ../1764000800000-max-age.ts: the same change. */
export class PostgresMaxAge1764100300000 implements MigrationInterface {
  name = 'PostgresMaxAge1764100300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorization_requests" ADD "max_age" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorization_requests" DROP COLUMN "max_age"`);
  }
}
