import { DataSource } from 'typeorm';
import { databaseOptions } from './database';

/**
 * docs/security-cases.md, case 40: client-web's schema (its sessions) comes from committed
 * migrations run at start, never from `synchronize`, so what the file holds survives a restart and
 * an upgrade.
 */
describe('databaseOptions', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = new DataSource(databaseOptions({ url: undefined, sqlitePath: ':memory:' }));
    await dataSource.initialize();
  });

  afterEach(() => dataSource.destroy());

  it('case 40: runs the migrations at start and never synchronizes', () => {
    expect(databaseOptions({ url: undefined, sqlitePath: 'data/client-web.sqlite' })).toMatchObject(
      {
        type: 'sqlite',
        database: 'data/client-web.sqlite',
        migrationsRun: true,
        synchronize: false,
      },
    );
  });

  it('case 40: the migration creates the sessions table, and synchronize would have nothing to add', async () => {
    expect(await dataSource.query('PRAGMA table_info(sessions)')).toEqual([
      expect.objectContaining({ name: 'id_digest', type: 'TEXT', notnull: 1, pk: 1 }),
      expect.objectContaining({ name: 'data', type: 'TEXT', notnull: 1, pk: 0 }),
      expect.objectContaining({ name: 'expires_at', type: 'INTEGER', notnull: 1, pk: 0 }),
    ]);
    expect(await dataSource.query('PRAGMA index_list(sessions)')).toContainEqual(
      expect.objectContaining({ name: 'idx_sessions_expires_at' }),
    );
    expect(await dataSource.showMigrations()).toBe(false);
    // What `synchronize` would run to make the schema match the entities: nothing.
    const sync = await dataSource.driver.createSchemaBuilder().log();
    expect(sync.upQueries).toEqual([]);
  });

  it('case 40: the sessions stored with millisecond expiries are kept, converted to seconds', async () => {
    await dataSource.undoLastMigration();
    const inMs = 1_795_491_040_994;
    await dataSource.query(
      `INSERT INTO sessions (id_digest, data, expires_at) VALUES ('old', '{}', ${inMs}), ('new', '{}', 1795491041)`,
    );

    await dataSource.runMigrations();

    expect(
      await dataSource.query('SELECT id_digest, expires_at FROM sessions ORDER BY id_digest'),
    ).toEqual([
      { id_digest: 'new', expires_at: 1_795_491_041 },
      { id_digest: 'old', expires_at: 1_795_491_041 },
    ]);
  });

  it('case 40: the migrations can be undone', async () => {
    await dataSource.undoLastMigration();
    await dataSource.undoLastMigration();

    expect(
      await dataSource.query("SELECT name FROM sqlite_master WHERE name LIKE '%sessions%'"),
    ).toEqual([]);
  });
});
