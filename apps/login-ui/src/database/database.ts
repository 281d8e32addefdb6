import { databaseOptionsFor } from '@oauth-flow-lab/database';
import { LoginSession } from '../sessions/login-session.entity';
import { User } from '../users/user.entity';
import { MIGRATIONS } from './migrations';
import { PostgresInitialSchema1764100000000 } from './migrations/postgres/1764100000000-initial-schema';
import { PostgresLoginSessionsExpiryIndex1764100100000 } from './migrations/postgres/1764100100000-login-sessions-expiry-index';

/** Listed one by one, no globs: the app is bundled by webpack. */
export const ENTITIES = [User, LoginSession];
/** PostgreSQL's set: the same schema, generated from ENTITIES (test/database-schema.e2e-spec.ts). */
export const POSTGRES_MIGRATIONS = [
  PostgresInitialSchema1764100000000,
  PostgresLoginSessionsExpiryIndex1764100100000,
];

/** The sqlite file by default; PostgreSQL when DATABASE_URL is set. */
export const databaseOptions = databaseOptionsFor({
  entities: ENTITIES,
  migrations: { sqlite: MIGRATIONS, postgres: POSTGRES_MIGRATIONS },
});
