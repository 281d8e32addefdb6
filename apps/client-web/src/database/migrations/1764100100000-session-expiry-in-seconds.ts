import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * sessions.expires_at in epoch seconds instead of milliseconds, like every other table's times: an
 * `integer` column then holds it on PostgreSQL too (4 bytes; milliseconds overflow it). The rows
 * already in the file are converted, so nobody is logged out. Values below 10^11 are seconds already
 * (10^11 ms is 1973).
 */
export class SessionExpiryInSeconds1764100100000 implements MigrationInterface {
  name = 'SessionExpiryInSeconds1764100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "sessions" SET "expires_at" = ("expires_at" + 999) / 1000 WHERE "expires_at" >= 100000000000`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "sessions" SET "expires_at" = "expires_at" * 1000 WHERE "expires_at" < 100000000000`,
    );
  }
}
