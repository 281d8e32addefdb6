import { sqliteOptions } from '@oauth-flow-lab/database';
import type { DataSourceOptions } from 'typeorm';
import { StoredSession } from '../session/stored-session.entity';
import { CreateSessions1764000500000 } from './migrations/1764000500000-create-sessions';

/**
 * client-web's sqlite file (DATABASE_PATH): only its sessions (session/session.store.ts). Like every
 * app's database (libs/sqlite): WAL, busy timeout, the schema from these migrations run at start,
 * never `synchronize`.
 *
 * Listed one by one, no globs: the app is bundled by webpack.
 */
export const ENTITIES = [StoredSession];
export const MIGRATIONS = [CreateSessions1764000500000];

export function databaseOptions(databasePath: string): DataSourceOptions {
  return sqliteOptions({ database: databasePath, entities: ENTITIES, migrations: MIGRATIONS });
}
