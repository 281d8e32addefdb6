// Environment validation for every app: each app declares a zod schema of its variables with these
// helpers and calls loadConfig once at boot.
export {
  envDatabaseUrl,
  envEnum,
  envHost,
  envPath,
  envPort,
  envPositiveInt,
  envRedisUrl,
  envSecret,
  envUrl,
  envWholeNumber,
} from './env';
export { InvalidEnvironmentError, loadConfig, type EnvSchema } from './load-config';
