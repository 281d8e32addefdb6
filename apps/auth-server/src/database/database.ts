import { sqliteOptions } from '@oauth-flow-lab/sqlite';
import type { DataSourceOptions } from 'typeorm';
import { ClientEntity } from '../clients/client.entity';
import { AuthorizationRequestEntity } from '../interaction/authorization-request.entity';
import { SigningKeyEntity } from '../keys/signing-key.entity';
import { AuthorizationCodeEntity } from '../tokens/authorization-code.entity';
import { IssuedAccessTokenEntity } from '../tokens/issued-access-token.entity';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema';

export const ENTITIES = [
  ClientEntity,
  SigningKeyEntity,
  AuthorizationRequestEntity,
  AuthorizationCodeEntity,
  IssuedAccessTokenEntity,
];

/** Migrations in the order they run; each is committed and never edited once released. */
export const MIGRATIONS = [InitialSchema1763900000000];

export function databaseOptions(databasePath: string): DataSourceOptions {
  return sqliteOptions({ database: databasePath, entities: ENTITIES, migrations: MIGRATIONS });
}
