import { databaseOptionsFor } from '@oauth-flow-lab/database';
import { ClientEntity } from '../clients/client.entity';
import { RememberedConsentEntity } from '../consents/remembered-consent.entity';
import { AuthorizationRequestEntity } from '../interaction/authorization-request.entity';
import { SigningKeyEntity } from '../keys/signing-key.entity';
import { AuthorizationCodeEntity } from '../tokens/authorization-code.entity';
import { RefreshTokenEntity } from '../tokens/refresh-token.entity';
import { RevokedAccessTokenEntity } from '../tokens/revoked-access-token.entity';
import { RevokedGrantEntity } from '../tokens/revoked-grant.entity';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema';
import { TokenLifecycle1764000100000 } from './migrations/1764000100000-token-lifecycle';
import { SigningKeyRotation1764000200000 } from './migrations/1764000200000-signing-key-rotation';
import { OpenIdConnect1764000300000 } from './migrations/1764000300000-openid-connect';
import { RememberedConsent1764000400000 } from './migrations/1764000400000-remembered-consent';
import { ResourceServerIntrospection1764000500000 } from './migrations/1764000500000-resource-server-introspection';
import { AccessTokenRevocationList1764000600000 } from './migrations/1764000600000-access-token-revocation-list';
import { ExpiryIndices1764000700000 } from './migrations/1764000700000-expiry-indices';
import { MaxAge1764000800000 } from './migrations/1764000800000-max-age';
import { PostgresInitialSchema1764100000000 } from './migrations/postgres/1764100000000-initial-schema';
import { PostgresAccessTokenRevocationList1764100100000 } from './migrations/postgres/1764100100000-access-token-revocation-list';
import { PostgresExpiryIndices1764100200000 } from './migrations/postgres/1764100200000-expiry-indices';
import { PostgresMaxAge1764100300000 } from './migrations/postgres/1764100300000-max-age';

export const ENTITIES = [
  ClientEntity,
  SigningKeyEntity,
  AuthorizationRequestEntity,
  AuthorizationCodeEntity,
  RevokedAccessTokenEntity,
  RevokedGrantEntity,
  RefreshTokenEntity,
  RememberedConsentEntity,
];

/** Migrations in the order they run; each is committed and never edited once released. */
export const MIGRATIONS = [
  InitialSchema1763900000000,
  TokenLifecycle1764000100000,
  SigningKeyRotation1764000200000,
  OpenIdConnect1764000300000,
  RememberedConsent1764000400000,
  ResourceServerIntrospection1764000500000,
  AccessTokenRevocationList1764000600000,
  ExpiryIndices1764000700000,
  MaxAge1764000800000,
];

/** PostgreSQL's set: the same schema, generated from ENTITIES (postgres-migrations.pg-spec.ts). */
export const POSTGRES_MIGRATIONS = [
  PostgresInitialSchema1764100000000,
  PostgresAccessTokenRevocationList1764100100000,
  PostgresExpiryIndices1764100200000,
  PostgresMaxAge1764100300000,
];

/** The sqlite file by default; PostgreSQL when DATABASE_URL is set. */
export const databaseOptions = databaseOptionsFor({
  entities: ENTITIES,
  migrations: { sqlite: MIGRATIONS, postgres: POSTGRES_MIGRATIONS },
});
