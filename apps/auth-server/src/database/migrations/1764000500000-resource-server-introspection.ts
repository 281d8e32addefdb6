import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A resource server may introspect the access tokens meant for it (RFC 7662 §2.1 leaves to the
 * authorization server which protected resource may learn about which token):
 * - clients.introspects_audience: set for a resource server's registration (the seeded
 *   resource-api): the audience whose access tokens it may introspect, whichever client they were
 *   issued to. Null for every existing client, which keeps learning about its own tokens only.
 */
export class ResourceServerIntrospection1764000500000 implements MigrationInterface {
  name = 'ResourceServerIntrospection1764000500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE clients ADD COLUMN introspects_audience TEXT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE clients DROP COLUMN introspects_audience`);
  }
}
