import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_POSTGRES_URL, testDatabaseEnv } from './postgres';
import { freePorts, stopProcess, waitForHttp } from './processes';
import { emptyRedisDatabase, TEST_REDIS_URL } from './redis';
import { runtimeEnv } from './runtime-env';

/** The four services of the flow, started from their webpack bundles in dist/ (the `build` targets). */
export const SERVICE_NAMES = ['auth-server', 'login-ui', 'client-web', 'resource-api'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface RunningServices {
  urls: {
    /** auth-server's public URL and issuer: where the browser goes (its first replica). */
    authServer: string;
    /** auth-server's admin API, as login-ui calls it (the last replica's). */
    authServerAdmin: string;
    /**
     * The public URL of each auth-server process, all with the same issuer: one, or two under
     * `npm run test:scale` (the first is `authServer`).
     */
    authServerReplicas: string[];
    loginUi: string;
    clientWeb: string;
    resourceApi: string;
  };
  dataDir: string;
  /**
   * The variable that names a service's store, as it was started: `{ DATABASE_PATH }` of its sqlite
   * file, or `{ DATABASE_URL }` of its PostgreSQL database under `npm run test:scale`.
   */
  databaseEnv(name: ServiceName): { DATABASE_PATH: string } | { DATABASE_URL: string };
  /**
   * Everything a service's processes printed (auth-server: all its replicas), or all four's,
   * prefixed, without a name: for failure messages and the log tests.
   */
  output(name?: ServiceName): string;
  /** What one auth-server replica printed (0: the first). */
  replicaOutput(replica: number): string;
  /**
   * Stops a service, every process of it (SIGTERM, then SIGKILL after 5 s; or the given signal and
   * no escalation), and resolves once they have exited. Its data stays: `startService` brings it
   * back on the same ports.
   */
  stopService(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped service again, with the same variables and data, and waits until it answers. */
  startService(name: ServiceName): Promise<void>;
  /** Stops one auth-server replica (0: the first), as `stopService` does; the others keep serving. */
  stopReplica(replica: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped auth-server replica again and waits until it answers. */
  startReplica(replica: number): Promise<void>;
  stop(): Promise<void>;
}

/** The four as processes of this machine (startServices), not containers (compose-stack.ts). */
export interface LocalServices extends RunningServices {
  /**
   * The process ids of a service's running processes (auth-server: one per replica); none for a
   * process that has exited or was ended by a signal.
   */
  processIds(name: ServiceName): number[];
}

/** How the four are started, when not as `npm start` starts them. */
export interface StartOptions {
  /**
   * resource-api's TOKEN_VALIDATION (default `jwt`): `introspection` has it ask auth-server's
   * /introspect about every token, as the seeded client resource-api.
   */
  tokenValidation?: 'jwt' | 'introspection';
  /**
   * How many auth-server processes (default: 2 under `npm run test:scale`, 1 otherwise). More than
   * one needs the shared PostgreSQL store (TEST_POSTGRES_URL).
   */
  authServerReplicas?: number;
  /** More variables for a service, over the suites' defaults below. */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
}

/** The workspace root, where dist/apps/<app>/main.js are (the `build` targets). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** One running (or stopped) process: a service, or one replica of auth-server. */
interface ServiceProcess {
  service: ServiceName;
  replica: number;
  env: Record<string, string>;
  /** What answers once it is up (a 401 from resource-api counts). */
  readiness: string;
  lines: string[];
  child?: ChildProcess;
}

/**
 * Starts the four built services as real processes on free ports, each with a temporary sqlite file
 * and the variables `npm start` and docker-compose.yml set, pointed at each other (`options`: what
 * differs, e.g. resource-api validating by introspection). On stop, each process's output is kept
 * under test-output/<logName>/ (git-ignored) to read after a failure.
 *
 * Under `npm run test:scale` (TEST_POSTGRES_URL, and TEST_REDIS_URL for the counters) each service
 * has a PostgreSQL database of its own and auth-server runs as two replicas with one issuer, as
 * behind a load balancer. The front channel (the browser, at `urls.authServer`) reaches the first;
 * login-ui's admin calls, client-web's back channel (steps 3-4) and resource-api's JWKS and
 * introspection reach the second. So in every flow, steps 1-2 are served by one replica and the
 * code is redeemed at the other.
 */
export async function startServices(
  logName = 'flow-e2e',
  options: StartOptions = {},
): Promise<LocalServices> {
  const replicaCount = options.authServerReplicas ?? (TEST_POSTGRES_URL ? 2 : 1);
  if (replicaCount > 1 && !TEST_POSTGRES_URL) {
    throw new Error('auth-server replicas share a PostgreSQL database: set TEST_POSTGRES_URL');
  }
  const [loginPort, clientPort, resourcePort, ...authPorts] = await freePorts(3 + 2 * replicaCount);
  const replicaPorts = Array.from({ length: replicaCount }, (_, replica) => ({
    port: authPorts[2 * replica],
    adminPort: authPorts[2 * replica + 1],
  }));
  const dataDir = mkdtempSync(join(tmpdir(), 'oauth-flow-lab-'));
  const replicaUrls = replicaPorts.map(({ port }) => `http://localhost:${port}`);
  const urls = {
    authServer: replicaUrls[0],
    authServerAdmin: `http://127.0.0.1:${replicaPorts[replicaCount - 1].adminPort}`,
    authServerReplicas: replicaUrls,
    loginUi: `http://localhost:${loginPort}`,
    clientWeb: `http://localhost:${clientPort}`,
    resourceApi: `http://localhost:${resourcePort}`,
  };
  const environments = await serviceEnvironments(urls, {
    dataDir,
    ports: { loginUi: loginPort, clientWeb: clientPort, resourceApi: resourcePort },
    tokenValidation: options.tokenValidation,
  });
  for (const [name, extra] of Object.entries(options.env ?? {})) {
    Object.assign(environments[name as ServiceName], extra);
  }
  const processes: ServiceProcess[] = [
    ...replicaPorts.map(({ port, adminPort }, replica) => ({
      service: 'auth-server' as const,
      replica,
      env: { ...environments['auth-server'], PORT: String(port), ADMIN_PORT: String(adminPort) },
      readiness: `${replicaUrls[replica]}/.well-known/oauth-authorization-server`,
      lines: [],
    })),
    ...(['login-ui', 'client-web', 'resource-api'] as const).map((service) => ({
      service,
      replica: 0,
      env: environments[service],
      readiness: {
        'login-ui': `${urls.loginUi}/`,
        'client-web': `${urls.clientWeb}/`,
        'resource-api': `${urls.resourceApi}/notes`,
      }[service],
      lines: [],
    })),
  ];
  const ofService = (name: ServiceName) => processes.filter((p) => p.service === name);
  const replica = (index: number): ServiceProcess => {
    const found = ofService('auth-server')[index];
    if (found === undefined) {
      throw new Error(`auth-server has ${replicaCount} replica(s), not ${index + 1}`);
    }
    return found;
  };
  const spawnProcess = (target: ServiceProcess): void => {
    if (target.child && target.child.exitCode === null && target.child.signalCode === null) {
      throw new Error(`${target.service} (replica ${target.replica + 1}) is still running`);
    }
    const child = spawn(
      process.execPath,
      [join(WORKSPACE_ROOT, 'dist/apps', target.service, 'main.js')],
      {
        cwd: WORKSPACE_ROOT,
        // JSON logs, one object a line, so tests can read the story (see flowLogRecords).
        env: {
          ...process.env,
          ...runtimeEnv(WORKSPACE_ROOT),
          NODE_ENV: 'test',
          LOG_FORMAT: 'json',
          ...target.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => target.lines.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => target.lines.push(chunk.toString()));
    target.child = child;
  };
  const start = async (targets: ServiceProcess[]): Promise<void> => {
    targets.forEach(spawnProcess);
    await Promise.all(targets.map((target) => waitForHttp(target.readiness)));
  };
  const halt = async (targets: ServiceProcess[], signal?: NodeJS.Signals): Promise<void> => {
    await Promise.all(
      targets.map((target) =>
        target.child === undefined ? Promise.resolve() : stopProcess(target.child, signal),
      ),
    );
  };
  const outputOf = (targets: ServiceProcess[]): string =>
    targets.map((target) => target.lines.join('')).join('');

  const running: LocalServices = {
    urls,
    dataDir,
    databaseEnv: (name) => {
      const { DATABASE_URL, DATABASE_PATH } = environments[name];
      return DATABASE_URL === undefined ? { DATABASE_PATH } : { DATABASE_URL };
    },
    output: (name) =>
      name
        ? outputOf(ofService(name))
        : SERVICE_NAMES.map((n) => `--- ${n}\n${outputOf(ofService(n))}`).join('\n'),
    replicaOutput: (index) => outputOf([replica(index)]),
    processIds: (name) =>
      ofService(name).flatMap((target) =>
        target.child?.pid === undefined ||
        target.child.exitCode !== null ||
        target.child.signalCode !== null
          ? []
          : [target.child.pid],
      ),
    stopService: (name, signal) => halt(ofService(name), signal),
    startService: (name) => start(ofService(name)),
    stopReplica: (index, signal) => halt([replica(index)], signal),
    startReplica: (index) => start([replica(index)]),
    stop: async () => {
      await halt(processes);
      const logDir = join(WORKSPACE_ROOT, 'test-output', logName);
      mkdirSync(logDir, { recursive: true });
      for (const target of processes) {
        const suffix = target.replica === 0 ? '' : `-${target.replica + 1}`;
        writeFileSync(join(logDir, `${target.service}${suffix}.log`), outputOf([target]));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };

  try {
    await start(processes);
  } catch (error) {
    const logs = running.output();
    await running.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`);
  }
  return running;
}

/**
 * The variables each service is started with: the same docker-compose.yml and `npm start` set, on
 * other ports, each pointed at the others. Every auth-server replica gets auth-server's (its ports
 * are added per replica). The last replica is the back channel: login-ui's admin calls (through
 * `urls.authServerAdmin`), client-web's token requests and resource-api's JWKS and introspection.
 */
async function serviceEnvironments(
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
      // The suites (the fuzz test above all) send far more flows from 127.0.0.1 than a person
      // would: the per-address limits of case 44 are tested in each app's own suite instead.
      AUTHORIZE_MAX_REQUESTS_PER_IP: '1000000',
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
      DEMO_MODE: 'true',
      CONNECT_MAX_REQUESTS_PER_IP: '1000000',
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
