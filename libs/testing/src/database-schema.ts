import type { DataSource, DataSourceOptions, Table } from 'typeorm';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from './postgres';

/**
 * What TypeORM would still change for the database to match the entities, as SQL: empty when the
 * migrations build exactly the entities' schema. On a failure, the SQL printed is the migration
 * that is missing (what `typeorm migration:generate` would write for that dialect).
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

/** A dialect-neutral description of the entities' tables: what must match on sqlite and PostgreSQL. */
export async function schemaShape(dataSource: DataSource) {
  const runner = dataSource.createQueryRunner();
  try {
    const tables = await runner.getTables(
      dataSource.entityMetadatas.map((metadata) => metadata.tableName),
    );
    return tables.map(shapeOf).sort((a, b) => a.table.localeCompare(b.table));
  } finally {
    await runner.release();
  }
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const columnList = (names: string[]) => names.slice().sort().join(',');

function shapeOf(table: Table) {
  const uniqueColumnSets = [
    ...table.uniques.map((unique) => columnList(unique.columnNames)),
    ...table.columns.filter((column) => column.isUnique).map((column) => column.name),
    ...table.indices
      .filter((index) => index.isUnique)
      .map((index) => columnList(index.columnNames)),
  ];
  return {
    table: table.name.split('.').at(-1) ?? table.name,
    columns: table.columns
      .map((column) => ({
        name: column.name,
        type: column.type.toLowerCase(),
        nullable: column.isNullable,
        primary: column.isPrimary,
      }))
      .sort(byName),
    unique: [...new Set(uniqueColumnSets)].sort(),
    indexed: table.indices
      .filter((index) => !index.isUnique)
      .map((index) => columnList(index.columnNames))
      .sort(),
  };
}

export interface MigrationSets {
  /** Names the PostgreSQL test database, e.g. `login_ui`. */
  app: string;
  /** The app's `databaseOptions` (src/database/database.ts). */
  options: (database: { url: string | undefined; sqlitePath: string }) => DataSourceOptions;
  /** libs/database's `initializeDatabase`: opens the database and runs the dialect's migrations. */
  initialize: (options: DataSourceOptions) => Promise<DataSource>;
  entityCount: number;
}

/**
 * The test every app has for its two migration sets (sqlite's, PostgreSQL's: TypeORM's SQL is
 * dialect-specific), in its test/database-schema.e2e-spec.ts: for each dialect, after its
 * migrations TypeORM finds nothing to change against the entities; and both dialects end with the
 * same tables, columns, keys and indices. The PostgreSQL half runs under `npm run test:scale`.
 */
export function describeMigrationSets({ app, options, initialize, entityCount }: MigrationSets) {
  describe(`${app} database schema: sqlite migrations`, () => {
    let sqlite: DataSource;

    beforeAll(async () => {
      sqlite = await initialize(options({ url: undefined, sqlitePath: ':memory:' }));
    });

    afterAll(() => sqlite.destroy());

    it('build exactly the schema of the entities', async () => {
      expect(await pendingSchemaChanges(sqlite)).toEqual([]);
    });

    describeWithPostgres('and PostgreSQL migrations', () => {
      let database: TestDatabase;
      let postgres: DataSource;

      beforeAll(async () => {
        database = await createTestDatabase(`${app}_schema`);
        postgres = await initialize(options({ url: database.url, sqlitePath: 'unused' }));
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
        expect(onSqlite).toHaveLength(entityCount);
        expect(await schemaShape(postgres)).toEqual(onSqlite);
      });
    });
  });
}
