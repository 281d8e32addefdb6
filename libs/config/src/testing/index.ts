// Test helpers of the config lib (a separate entry point: `yaml` is a dev dependency, and the apps'
// bundles never import this).
export { COMPOSE_FILE, COMPOSE_POSTGRES_FILE, composeEnvironment } from './compose-environment';
