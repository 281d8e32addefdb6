import { databaseOptionsFor } from '@oauth-flow-lab/database';
import { StoredSession } from '../session/stored-session.entity';
import { CreateSessions1764000500000 } from './migrations/1764000500000-create-sessions';
import { SessionExpiryInSeconds1764100100000 } from './migrations/1764100100000-session-expiry-in-seconds';
import { PostgresInitialSchema1764100000000 } from './migrations/postgres/1764100000000-initial-schema';

/**
 * client-web's database: only its sessions (session/session.store.ts). Like every app's database
 * (libs/database): the sqlite file at DATABASE_PATH, or PostgreSQL when DATABASE_URL is set; the schema
 * from these migrations, run at start, never `synchronize`.
 *
 * Listed one by one, no globs: the app is bundled by webpack.
 */
export const ENTITIES = [StoredSession];
export const MIGRATIONS = [CreateSessions1764000500000, SessionExpiryInSeconds1764100100000];
/** PostgreSQL's set: the same schema, generated from ENTITIES (test/database-schema.e2e-spec.ts). */
export const POSTGRES_MIGRATIONS = [PostgresInitialSchema1764100000000];

/** The sqlite file by default; PostgreSQL when DATABASE_URL is set. */
export const databaseOptions = databaseOptionsFor({
  entities: ENTITIES,
  migrations: { sqlite: MIGRATIONS, postgres: POSTGRES_MIGRATIONS },
});
