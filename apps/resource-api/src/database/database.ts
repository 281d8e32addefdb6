import { sqliteOptions } from '@oauth-flow-lab/database';
import type { DataSourceOptions } from 'typeorm';
import { NoteEntity } from '../notes/note.entity';
import { CreateNotes1763910000000 } from './migrations/1763910000000-create-notes';

/** Listed one by one, no globs: the app is bundled by webpack. */
export const ENTITIES = [NoteEntity];
export const MIGRATIONS = [CreateNotes1763910000000];

export function databaseOptions(databasePath: string): DataSourceOptions {
  return sqliteOptions({ database: databasePath, entities: ENTITIES, migrations: MIGRATIONS });
}
