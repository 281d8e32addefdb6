import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm';

/**
 * The advisory lock that start-up work takes on PostgreSQL, one per database: held by one replica's
 * session at a time, released when the work is done (or when the session ends, if it dies).
 */
const START_UP_LOCK = 'oauth-flow-lab:start-up';

/**
 * Opens the database and brings its schema up to date: what each app's TypeOrmModule calls
 * (`dataSourceFactory`).
 *
 * sqlite: one process per file; TypeORM runs the pending migrations as it opens it.
 * PostgreSQL: several replicas may start at once against one database. TypeORM's migration runner
 * takes no lock, so two replicas would both see a migration pending and both run it. Here the
 * migrations run while holding a session-level advisory lock (`pg_advisory_lock`): the first
 * replica runs them, the others wait, then find none pending.
 */
export async function initializeDatabase(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  if (dataSource.options.type === 'postgres') {
    try {
      await underStartUpLock(dataSource, () => dataSource.runMigrations({ transaction: 'all' }));
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
  }
  return dataSource;
}

/**
 * Runs `work` while no other replica of this app runs start-up work against the same PostgreSQL
 * database (seeding, creating the first signing key). On sqlite it simply runs `work`.
 */
export async function underStartUpLock<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<T> {
  if (dataSource.options.type !== 'postgres') {
    return work();
  }
  const session = dataSource.createQueryRunner();
  await session.connect();
  try {
    await session.query('SELECT pg_advisory_lock(hashtext($1))', [START_UP_LOCK]);
    try {
      return await work();
    } finally {
      await session.query('SELECT pg_advisory_unlock(hashtext($1))', [START_UP_LOCK]);
    }
  } finally {
    await session.release();
  }
}

/**
 * Inside a transaction: waits until no other process holds `name` in its own transaction, and holds
 * it until this one ends. For read-then-write work that a row's own condition cannot guard (a key
 * rotation retires "every key still active", then inserts one). PostgreSQL: a transaction-level
 * advisory lock (`pg_advisory_xact_lock`), so replicas and `npm run keys:rotate` take turns. sqlite:
 * nothing to do, its one writer at a time already orders them.
 */
export async function lockAcrossProcesses(manager: EntityManager, name: string): Promise<void> {
  if (manager.connection.options.type === 'postgres') {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
  }
}
