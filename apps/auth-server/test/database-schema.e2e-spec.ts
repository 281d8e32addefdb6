import { initializeDatabase } from '@oauth-flow-lab/database';
import {
  createTestDatabase,
  describeWithPostgres,
  type TestDatabase,
} from '@oauth-flow-lab/testing';
import type { DataSource, Table } from 'typeorm';
import { databaseOptions, ENTITIES } from '../src/database/database';

/**
 * The two migration sets (sqlite's, PostgreSQL's: TypeORM's SQL is dialect-specific) against the
 * entities they are generated from. For each dialect, after its migrations TypeORM finds nothing to
 * change (its schema builder's `log()` is what `migration:generate` would write: on a failure, the
 * SQL printed is the migration that is missing). And both dialects end with the same tables,
 * columns, keys and indices.
 */
async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

/** A dialect-neutral description of the schema: what must be the same on sqlite and PostgreSQL. */
async function schemaShape(dataSource: DataSource) {
  const runner = dataSource.createQueryRunner();
  try {
    const tables = await runner.getTables(
      ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName),
    );
    return tables.map(shapeOf).sort((a, b) => a.table.localeCompare(b.table));
  } finally {
    await runner.release();
  }
}

function shapeOf(table: Table) {
  const name = table.name.split('.').at(-1) ?? table.name;
  return {
    table: name,
    columns: table.columns
      .map((column) => ({
        name: column.name,
        type: column.type.toLowerCase(),
        nullable: column.isNullable,
        primary: column.isPrimary,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    unique: [
      ...table.uniques.map((unique) => unique.columnNames.slice().sort().join(',')),
      ...table.columns.filter((column) => column.isUnique).map((column) => column.name),
      ...table.indices
        .filter((index) => index.isUnique)
        .map((index) => index.columnNames.slice().sort().join(',')),
    ]
      .filter((columns, i, all) => all.indexOf(columns) === i)
      .sort(),
    indexed: table.indices
      .filter((index) => !index.isUnique)
      .map((index) => index.columnNames.slice().sort().join(','))
      .sort(),
  };
}

describe('database schema: sqlite migrations', () => {
  let sqlite: DataSource;

  beforeAll(async () => {
    sqlite = await initializeDatabase(databaseOptions({ url: undefined, sqlitePath: ':memory:' }));
  });

  afterAll(() => sqlite.destroy());

  it('build exactly the schema of the entities', async () => {
    expect(await pendingSchemaChanges(sqlite)).toEqual([]);
  });

  describeWithPostgres('and PostgreSQL migrations', () => {
    let database: TestDatabase;
    let postgres: DataSource;

    beforeAll(async () => {
      database = await createTestDatabase('auth_server_schema');
      postgres = await initializeDatabase(
        databaseOptions({ url: database.url, sqlitePath: 'unused' }),
      );
    });

    afterAll(async () => {
      await postgres.destroy();
      await database.drop();
    });

    it('build exactly the schema of the entities', async () => {
      expect(await pendingSchemaChanges(postgres)).toEqual([]);
    });

    it('give the same tables, columns, keys and indices as sqlite', async () => {
      const onSqlite = await schemaShape(sqlite);
      expect(onSqlite).toHaveLength(ENTITIES.length);
      expect(await schemaShape(postgres)).toEqual(onSqlite);
    });
  });
});
