// The database every app uses, through TypeORM: the embedded sqlite file by default, PostgreSQL when
// DATABASE_URL says so (issue 8), configured once here.
export {
  databaseOptions,
  databaseOptionsFor,
  type DatabaseLocation,
  type DatabaseSettings,
} from './database-options';
export { initializeDatabase, lockAcrossProcesses, underStartUpLock } from './initialize-database';
export { PeriodicPurge, type Purge, type PurgeCounts } from './periodic-purge';
export { postgresOptions, type PostgresSettings } from './postgres-options';
export { serializedTransaction } from './serialized-transaction';
export { sqliteOptions, type SqliteSettings } from './sqlite-options';
