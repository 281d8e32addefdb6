import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';

export interface PostgresSettings {
  /** DATABASE_URL, `postgres://user:password@host:port/database`. */
  url: string;
  // TypeORM's own parameter types, as its DataSourceOptions declares them.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * The TypeORM options for an app whose DATABASE_URL names a PostgreSQL database: the store several
 * replicas of one app share (issue 8). Same entities as sqlite; the migrations are PostgreSQL's own
 * set, generated from those entities (database/migrations/postgres/ in each app). They are not run by
 * TypeORM as it connects (`migrationsRun` off) but by `initializeDatabase`, under a lock, so that
 * replicas starting together do not run them twice.
 */
export function postgresOptions(settings: PostgresSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: ['error'],
    // Connections per replica; the server's max_connections (100 by default) bounds the sum.
    poolSize: 10,
    // A connection that cannot be made in 5 s fails the request (and /health) instead of hanging.
    connectTimeoutMS: 5000,
  };
}
