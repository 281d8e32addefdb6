import { join } from 'node:path';
import type { RunningServices, ServiceName, StartOptions } from './four-services';
import { TEST_POSTGRES_URL, testDatabaseEnv } from './postgres';
import { emptyRedisDatabase, TEST_REDIS_URL } from './redis';

/**
 * The variables each service is started with: the same docker-compose.yml and `npm start` set, on
 * other ports, each pointed at the others. Every auth-server replica gets auth-server's (its ports
 * are added per replica). The last replica is the back channel: login-ui's admin calls (through
 * `urls.authServerAdmin`), client-web's token requests and resource-api's JWKS and introspection.
 */
export async function serviceEnvironments(
  urls: RunningServices['urls'],
  {
    dataDir,
    ports,
    tokenValidation,
  }: {
    dataDir: string;
    ports: { loginUi: number; clientWeb: number; resourceApi: number };
    tokenValidation: StartOptions['tokenValidation'];
  },
): Promise<Record<ServiceName, Record<string, string>>> {
  const backChannel = urls.authServerReplicas[urls.authServerReplicas.length - 1];
  const environments: Record<ServiceName, Record<string, string>> = {
    'auth-server': {
      ISSUER: urls.authServer,
      LOGIN_UI_URL: urls.loginUi,
      ACCESS_TOKEN_AUDIENCE: urls.resourceApi,
      CLIENT_WEB_URL: urls.clientWeb,
      DATABASE_PATH: join(dataDir, 'auth-server.sqlite'),
    },
    'login-ui': {
      PORT: String(ports.loginUi),
      PUBLIC_URL: urls.loginUi,
      AUTH_SERVER_ADMIN_URL: urls.authServerAdmin,
      DATABASE_PATH: join(dataDir, 'login-ui.sqlite'),
    },
    'client-web': {
      PORT: String(ports.clientWeb),
      PUBLIC_URL: urls.clientWeb,
      AUTH_SERVER_URL: urls.authServer,
      AUTH_SERVER_INTERNAL_URL: backChannel,
      RESOURCE_API_URL: urls.resourceApi,
      DATABASE_PATH: join(dataDir, 'client-web.sqlite'),
    },
    'resource-api': {
      PORT: String(ports.resourceApi),
      ISSUER: urls.authServer,
      AUDIENCE: urls.resourceApi,
      JWKS_URL: `${backChannel}/.well-known/jwks.json`,
      INTROSPECTION_URL: `${backChannel}/introspect`,
      ...(tokenValidation === undefined ? {} : { TOKEN_VALIDATION: tokenValidation }),
      DATABASE_PATH: join(dataDir, 'resource-api.sqlite'),
      DEMO_MODE: 'true',
    },
  };

  // Under `npm run test:scale` (TEST_POSTGRES_URL): each service on a PostgreSQL database of its own
  // instead of its sqlite file, as DATABASE_URL selects in production.
  if (TEST_POSTGRES_URL) {
    for (const [name, environment] of Object.entries(environments)) {
      Object.assign(environment, await testDatabaseEnv(name.replace('-', '_'), {}));
    }
  }
  // With TEST_REDIS_URL too: auth-server's and login-ui's failure counters in Redis (REDIS_URL), shared
  // by the replicas; its database 1, emptied at each start (the suites run one after another).
  if (TEST_REDIS_URL) {
    const redisUrl = await emptyRedisDatabase(1);
    environments['auth-server']['REDIS_URL'] = redisUrl;
    environments['login-ui']['REDIS_URL'] = redisUrl;
  }
  return environments;
}
