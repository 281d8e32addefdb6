import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { postgresOptions } from './postgres-options';
import { sqliteOptions } from './sqlite-options';

/** Where an app's data lives, from its config. */
export interface DatabaseLocation {
  /** DATABASE_URL: a PostgreSQL URL, or undefined for the embedded default. */
  url: string | undefined;
  /** DATABASE_PATH: the sqlite file used when `url` is undefined. */
  sqlitePath: string;
}

export interface DatabaseSettings extends DatabaseLocation {
  // TypeORM's own parameter types, as its DataSourceOptions declares them.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  /** One migration set per dialect, both generated from `entities` (TypeORM's SQL is dialect-specific). */
  migrations: {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    sqlite: MixedList<Function | string>;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    postgres: MixedList<Function | string>;
  };
}

/**
 * Which store an app uses, chosen by its environment: DATABASE_URL set → PostgreSQL; unset → the
 * sqlite file under data/ (what `npm start` runs). The protocol code is the same for both.
 */
export function databaseOptions(settings: DatabaseSettings): DataSourceOptions {
  return settings.url === undefined
    ? sqliteOptions({
        database: settings.sqlitePath,
        entities: settings.entities,
        migrations: settings.migrations.sqlite,
      })
    : postgresOptions({
        url: settings.url,
        entities: settings.entities,
        migrations: settings.migrations.postgres,
      });
}

/**
 * An app's own `databaseOptions` (its src/database/database.ts): its entities and its two migration
 * sets bound, the location left to its config.
 */
export function databaseOptionsFor(
  schema: Omit<DatabaseSettings, keyof DatabaseLocation>,
): (location: DatabaseLocation) => DataSourceOptions {
  return (location) => databaseOptions({ ...location, ...schema });
}
