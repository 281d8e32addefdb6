import type { MigrationInterface, QueryRunner } from 'typeorm';

/** resource-api's schema: the notes, each owned by one subject. */
export class CreateNotes1763910000000 implements MigrationInterface {
  name = 'CreateNotes1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notes (
        id         TEXT PRIMARY KEY NOT NULL,
        owner_sub  TEXT NOT NULL,
        title      TEXT NOT NULL,
        body       TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX notes_owner_created ON notes (owner_sub, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX notes_owner_created');
    await queryRunner.query('DROP TABLE notes');
  }
}
