import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The users table (users/user.entity.ts). Usernames are unique, compared exactly. */
export class CreateUsers1732380000000 implements MigrationInterface {
  name = 'CreateUsers1732380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" TEXT PRIMARY KEY NOT NULL,
        "username" TEXT NOT NULL UNIQUE,
        "name" TEXT NOT NULL,
        "password_hash" TEXT NOT NULL,
        "created_at" INTEGER NOT NULL
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
