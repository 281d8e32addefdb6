import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';

/**
 * sqlite3 as TypeORM loads it, minus verbose mode. TypeORM calls `sqlite3.verbose()`, which wraps
 * every database call to capture a stack trace for its errors: 6-10% of auth-server's CPU on the
 * token endpoint (bench/README.md). TypeORM's own QueryFailedError already names the query.
 */
const quietSqlite3 = { ...sqlite3, verbose: () => sqlite3 };

export interface SqliteSettings {
  /** A file path such as `data/auth-server.sqlite`, or `:memory:` in tests. */
  database: string;
  // TypeORM's own parameter types, as its DataSourceOptions declares them.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * The TypeORM options every app uses for its embedded database: one sqlite file per app, in WAL mode
 * (readers do not block the writer) with a busy timeout (a writer waits for another instead of failing
 * with SQLITE_BUSY). The schema comes from committed migrations, run at start; `synchronize` stays off.
 */
export function sqliteOptions(settings: SqliteSettings): DataSourceOptions {
  if (settings.database !== ':memory:') {
    mkdirSync(dirname(settings.database), { recursive: true });
  }
  return {
    type: 'sqlite',
    driver: quietSqlite3,
    database: settings.database,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsRun: true,
    synchronize: false,
    enableWAL: settings.database !== ':memory:',
    busyTimeout: 5000,
    logging: ['error'],
  };
}
