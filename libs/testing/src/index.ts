// Test support shared by the suites that run the four real services (apps/flow-e2e, apps/flow-cli's
// e2e test). Imported from test files only.
export { freePorts } from './processes';
export {
  SERVICE_NAMES,
  startServices,
  WORKSPACE_ROOT,
  type LocalServices,
  type RunningServices,
  type ServiceName,
  type StartOptions,
} from './four-services';
export {
  createTestDatabase,
  describeWithPostgres,
  TEST_POSTGRES_URL,
  testDatabaseEnv,
  type TestDatabase,
} from './postgres';
export { describeWithRedis, emptyRedisDatabase, TEST_REDIS_URL } from './redis';
export {
  describeMigrationSets,
  pendingSchemaChanges,
  schemaShape,
  type MigrationSets,
} from './database-schema';
