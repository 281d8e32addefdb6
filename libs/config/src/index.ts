// Environment validation for every app: each app declares a zod schema of its variables with these
// helpers and calls loadConfig once at boot.
export {
  envDatabaseUrl,
  envEnum,
  envHost,
  envPath,
  envPort,
  envPositiveInt,
  envPurgeIntervalSeconds,
  envRedisUrl,
  envSecret,
  envTrustProxyHops,
  envUrl,
  envWholeNumber,
} from './env';
export { InvalidEnvironmentError, loadConfig, type EnvSchema } from './load-config';
// The name of an app's cookie given its config: `__Host-` prefixed over https (case 54).
export { cookieName } from './cookie-name';
