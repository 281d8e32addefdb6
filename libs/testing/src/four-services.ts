import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_POSTGRES_URL, testDatabaseEnv } from './postgres';

/** The four services of the flow, started from their webpack bundles in dist/ (the `build` targets). */
export const SERVICE_NAMES = ['auth-server', 'login-ui', 'client-web', 'resource-api'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface RunningServices {
  urls: {
    authServer: string;
    authServerAdmin: string;
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
  /** Everything a process printed (all four, prefixed, without a name), for failure messages. */
  output(name?: ServiceName): string;
  /**
   * Stops one service (SIGTERM, then SIGKILL after 5 s; or the given signal and no escalation) and
   * resolves once the process has exited. Its data stays: `start` brings it back on the same port.
   */
  stopService(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped service again, with the same variables and data, and waits until it answers. */
  startService(name: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

/** How the four are started, when not as `npm start` starts them. */
export interface StartOptions {
  /**
   * resource-api's TOKEN_VALIDATION (default `jwt`): `introspection` has it ask auth-server's
   * /introspect about every token, as the seeded client resource-api.
   */
  tokenValidation?: 'jwt' | 'introspection';
}

/** The workspace root, where dist/apps/<app>/main.js are (the `build` targets). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/**
 * Starts the four built services as real processes on free ports, each with a temporary sqlite file
 * and the variables `npm start` and docker-compose.yml set, pointed at each other (`options`: what
 * differs, e.g. resource-api validating by introspection). On stop, each service's output is kept
 * under test-output/<logName>/ (git-ignored) to read after a failure.
 */
export async function startServices(
  logName = 'flow-e2e',
  options: StartOptions = {},
): Promise<RunningServices> {
  const [authPort, adminPort, loginPort, clientPort, resourcePort] = await freePorts(5);
  const dataDir = mkdtempSync(join(tmpdir(), 'oauth-flow-lab-'));
  const urls = {
    authServer: `http://localhost:${authPort}`,
    authServerAdmin: `http://127.0.0.1:${adminPort}`,
    loginUi: `http://localhost:${loginPort}`,
    clientWeb: `http://localhost:${clientPort}`,
    resourceApi: `http://localhost:${resourcePort}`,
  };
  // Each service gets the same variables docker-compose.yml and `npm start` set, on other ports.
  const environments: Record<ServiceName, Record<string, string>> = {
    'auth-server': {
      PORT: String(authPort),
      ADMIN_PORT: String(adminPort),
      ISSUER: urls.authServer,
      LOGIN_UI_URL: urls.loginUi,
      ACCESS_TOKEN_AUDIENCE: urls.resourceApi,
      CLIENT_WEB_URL: urls.clientWeb,
      DATABASE_PATH: join(dataDir, 'auth-server.sqlite'),
    },
    'login-ui': {
      PORT: String(loginPort),
      PUBLIC_URL: urls.loginUi,
      AUTH_SERVER_ADMIN_URL: urls.authServerAdmin,
      DATABASE_PATH: join(dataDir, 'login-ui.sqlite'),
    },
    'client-web': {
      PORT: String(clientPort),
      PUBLIC_URL: urls.clientWeb,
      AUTH_SERVER_URL: urls.authServer,
      AUTH_SERVER_INTERNAL_URL: urls.authServer,
      RESOURCE_API_URL: urls.resourceApi,
      DATABASE_PATH: join(dataDir, 'client-web.sqlite'),
    },
    'resource-api': {
      PORT: String(resourcePort),
      ISSUER: urls.authServer,
      AUDIENCE: urls.resourceApi,
      JWKS_URL: `${urls.authServer}/.well-known/jwks.json`,
      INTROSPECTION_URL: `${urls.authServer}/introspect`,
      ...(options.tokenValidation === undefined
        ? {}
        : { TOKEN_VALIDATION: options.tokenValidation }),
      DATABASE_PATH: join(dataDir, 'resource-api.sqlite'),
      DEMO_MODE: 'true',
    },
  };

  // Under `npm run test:scale` (TEST_POSTGRES_URL): each service on a PostgreSQL database of its own
  // instead of its sqlite file, as DATABASE_URL selects in production.
  if (TEST_POSTGRES_URL) {
    for (const name of SERVICE_NAMES) {
      Object.assign(environments[name], await testDatabaseEnv(name.replace('-', '_'), {}));
    }
  }
  const outputs = new Map<ServiceName, string[]>(SERVICE_NAMES.map((name) => [name, []]));
  const processes = new Map<ServiceName, ChildProcess>();
  const spawnService = (name: ServiceName): void => {
    const lines = outputs.get(name) ?? [];
    const child = spawn(process.execPath, [join(WORKSPACE_ROOT, 'dist/apps', name, 'main.js')], {
      cwd: WORKSPACE_ROOT,
      // JSON logs, one object a line, so tests can read the story (see flowLogRecords).
      env: { ...process.env, NODE_ENV: 'test', LOG_FORMAT: 'json', ...environments[name] },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    processes.set(name, child);
  };
  /** What answers once a service is up (a 401 from resource-api counts). */
  const readiness: Record<ServiceName, string> = {
    'auth-server': `${urls.authServer}/.well-known/oauth-authorization-server`,
    'login-ui': `${urls.loginUi}/`,
    'client-web': `${urls.clientWeb}/`,
    'resource-api': `${urls.resourceApi}/notes`,
  };
  SERVICE_NAMES.forEach(spawnService);

  const running: RunningServices = {
    urls,
    dataDir,
    databaseEnv: (name) => {
      const { DATABASE_URL, DATABASE_PATH } = environments[name];
      return DATABASE_URL === undefined ? { DATABASE_PATH } : { DATABASE_URL };
    },
    output: (name) =>
      name
        ? (outputs.get(name) ?? []).join('')
        : SERVICE_NAMES.map((n) => `--- ${n}\n${(outputs.get(n) ?? []).join('')}`).join('\n'),
    stopService: async (name, signal) => {
      const child = processes.get(name);
      if (child) {
        await stopProcess(child, signal);
      }
    },
    startService: async (name) => {
      const child = processes.get(name);
      if (child && child.exitCode === null && child.signalCode === null) {
        throw new Error(`${name} is still running`);
      }
      spawnService(name);
      await waitForHttp(readiness[name]);
    },
    stop: async () => {
      await Promise.all([...processes.values()].map((child) => stopProcess(child)));
      const logDir = join(WORKSPACE_ROOT, 'test-output', logName);
      mkdirSync(logDir, { recursive: true });
      for (const name of SERVICE_NAMES) {
        writeFileSync(join(logDir, `${name}.log`), running.output(name));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };

  try {
    await Promise.all(SERVICE_NAMES.map((name) => waitForHttp(readiness[name])));
  } catch (error) {
    const logs = running.output();
    await running.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`);
  }
  return running;
}

export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolvePort) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolvePort(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

/** Polls until the URL answers with any HTTP status (a 401 from resource-api counts as up). */
async function waitForHttp(url: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((wait) => setTimeout(wait, 200));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** SIGTERM and, after 5 s, SIGKILL; with another signal (e.g. SIGKILL), that one only. */
function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((done) => {
    const killer = signal === 'SIGTERM' ? setTimeout(() => child.kill('SIGKILL'), 5000) : undefined;
    child.once('exit', () => {
      clearTimeout(killer);
      done();
    });
    child.kill(signal);
  });
}
