import { initializeDatabase } from '@oauth-flow-lab/database';
import { describeMigrationSets } from '@oauth-flow-lab/testing';
import { databaseOptions, ENTITIES } from '../src/database/database';

// resource-api's sqlite and PostgreSQL migrations against its entities and each other (libs/testing).
describeMigrationSets({
  app: 'resource_api',
  options: databaseOptions,
  initialize: initializeDatabase,
  entityCount: ENTITIES.length,
});
