import { initializeDatabase } from '@oauth-flow-lab/database';
import { describeMigrationSets } from '@oauth-flow-lab/testing';
import { databaseOptions, ENTITIES } from '../src/database/database';

// auth-server's sqlite and PostgreSQL migrations against its entities and each other (libs/testing).
describeMigrationSets({
  app: 'auth_server',
  options: databaseOptions,
  initialize: initializeDatabase,
  entityCount: ENTITIES.length,
});
