import { execFileSync } from 'node:child_process';
import { type RunningServices, WORKSPACE_ROOT } from '@oauth-flow-lab/testing';

// The stack `npm run test:compose` starts (tools/test-compose.mjs), as the compose suites see it.

/**
 * docker-compose on the stack tools/test-compose.mjs started: it names the files and the project in
 * COMPOSE_FILE and COMPOSE_PROJECT_NAME, as a user would (a project of the test's own by default,
 * never the stack a user started by hand).
 */
export function dockerCompose(...args: string[]): string {
  return execFileSync('docker-compose', args, {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { COMPOSE_PROJECT_NAME: 'oauth-flow-lab-test', ...process.env },
  });
}

/** Whether the stack is docker-compose.postgres.yml's: two auth-server replicas behind nginx. */
export const WITH_REPLICAS = (process.env['COMPOSE_FILE'] ?? '').includes(
  'docker-compose.postgres.yml',
);

/** The stack `docker-compose up` published: the URLs of the README, the browser's and ours. */
export const stack: RunningServices = {
  urls: {
    authServer: 'http://localhost:3000',
    // Never published: only login-ui reaches it, on the compose network.
    authServerAdmin: 'http://auth-server:3100',
    authServerReplicas: ['http://localhost:3000'],
    loginUi: 'http://localhost:3001',
    clientWeb: 'http://localhost:3002',
    resourceApi: 'http://localhost:3003',
  },
  dataDir: '',
  // Inside the containers, on their named volumes; the suite reads them only through the services.
  databaseEnv: (name) => ({ DATABASE_PATH: `/data/${name}.sqlite` }),
  output: () => dockerCompose('logs', '--no-color'),
  replicaOutput: (replica) => dockerCompose('logs', '--no-color', replicaService(replica)),
  stopService: (name) => Promise.resolve(void dockerCompose('stop', name)),
  startService: (name) => Promise.resolve(void dockerCompose('start', name)),
  // The replicas' containers (auth-server-1, auth-server-2) with docker-compose.postgres.yml; the
  // one auth-server container without it.
  stopReplica: (replica) => Promise.resolve(void dockerCompose('stop', replicaService(replica))),
  startReplica: (replica) => Promise.resolve(void dockerCompose('start', replicaService(replica))),
  stop: () => Promise.resolve(),
};

export async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** Waits (bounded) until every given service answers its published /health with 200. */
export async function untilHealthy(urls: string[], withinMs = 180_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const states = await Promise.all(urls.map((url) => healthy(`${url}/health`)));
    if (states.every(Boolean)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`not healthy within ${withinMs / 1000} s: ${urls.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function replicaService(replica: number): string {
  return WITH_REPLICAS ? `auth-server-${replica + 1}` : 'auth-server';
}
