import { initializeDatabase } from '@oauth-flow-lab/database';
import { describeMigrationSets } from '@oauth-flow-lab/testing';
import { databaseOptions, ENTITIES } from '../src/database/database';

// login-ui's sqlite and PostgreSQL migrations against its entities and each other (libs/testing).
describeMigrationSets({
  app: 'login_ui',
  options: databaseOptions,
  initialize: initializeDatabase,
  entityCount: ENTITIES.length,
});
