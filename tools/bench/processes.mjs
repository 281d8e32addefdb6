// Child processes of `npm run bench`: the four built services (dist/apps/<app>/main.js, as
// libs/testing/src/four-services.ts starts them) and the reference servers. Each child leads its
// own process group (detached), and every group still alive is killed when the bench exits, fails
// or is interrupted, so no server outlives it.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RUNTIME_ENV } from '../runtime-env.mjs';

export const WORKSPACE_ROOT = resolve(import.meta.dirname, '../..');
export const SERVICE_NAMES = ['auth-server', 'login-ui', 'client-web', 'resource-api'];
/** The audience of every access token in the bench, as the issue names it (an identifier only). */
export const AUDIENCE = 'http://localhost:3003';

const running = new Set();
const cleanups = [];

/** `KEY=VALUE` options (`--env`, `--b-env`) as an environment; `option` names the flag in errors. */
export function environmentOf(pairs, option) {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) {
        throw new Error(`${option} wants KEY=VALUE, got ${pair}`);
      }
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** Runs `cleanup` (synchronous) when the bench process exits, however it exits. */
export function onExit(cleanup) {
  cleanups.push(cleanup);
}

function killAll(signal) {
  for (const child of running) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}
process.once('exit', () => {
  killAll('SIGKILL');
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // best effort
    }
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll('SIGKILL');
    process.exit(130);
  });
}

/**
 * Starts `node [nodeArgs] script` in a process group of its own, its output appended to `logFile`.
 * Resolves to a handle: pid, rss(), stop().
 */
export function startNode(script, { env, nodeArgs = [], logFile }) {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  running.add(child);
  const exited = new Promise((done) => child.once('exit', done));
  void exited.then(() => running.delete(child));
  return {
    pid: child.pid,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    rssBytes: () => rssBytes(child.pid),
    cpuMs: () => cpuMs(child.pid),
    /** `signal` to the group, SIGKILL after `graceMs`; resolves once the process has exited. */
    stop: async (signal = 'SIGTERM', graceMs = 5000) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      try {
        process.kill(-child.pid, signal);
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident set size from /proc (Linux), in bytes; undefined elsewhere or once gone. */
export function rssBytes(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system, all threads: the event loop and libuv's pool) the process has used, in
 * ms, from /proc/<pid>/stat (clock ticks of 10 ms on Linux); undefined elsewhere.
 */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((done) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => done(server));
        }),
    ),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

/** Polls `url` until it answers `wanted` (a status, or any when undefined); resolves to the time. */
export async function waitFor(url, { wanted = 200, timeoutMs = 30000, everyMs = 20, alive } = {}) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (alive && !alive()) {
      throw new Error(`the process behind ${url} exited`);
    }
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (wanted === undefined || response.status === wanted) {
        return performance.now();
      }
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, everyMs));
  }
  throw new Error(`${url} did not answer ${wanted ?? ''} within ${timeoutMs} ms`);
}

/**
 * Ports, URLs and a data directory for one set of the four services: the variables
 * libs/testing/src/four-services.ts sets (keep the two in step), with the audience of the issue.
 */
export async function planServices(parentDir = tmpdir()) {
  const [authPort, adminPort, loginPort, clientPort, resourcePort] = await freePorts(5);
  const dataDir = mkdtempSync(join(parentDir, 'oauth-flow-lab-bench-'));
  onExit(() => rmSync(dataDir, { recursive: true, force: true }));
  const urls = {
    authServer: `http://localhost:${authPort}`,
    authServerAdmin: `http://127.0.0.1:${adminPort}`,
    loginUi: `http://localhost:${loginPort}`,
    clientWeb: `http://localhost:${clientPort}`,
    resourceApi: `http://localhost:${resourcePort}`,
  };
  const environments = {
    'auth-server': {
      PORT: String(authPort),
      ADMIN_PORT: String(adminPort),
      ISSUER: urls.authServer,
      LOGIN_UI_URL: urls.loginUi,
      ACCESS_TOKEN_AUDIENCE: AUDIENCE,
      CLIENT_WEB_URL: urls.clientWeb,
      DATABASE_PATH: join(dataDir, 'auth-server.sqlite'),
      // The bench walks hundreds of flows a minute from 127.0.0.1, past the per-address limits a
      // person never reaches (docs/security-cases.md, case 44): lifted here, as in the e2e suites.
      AUTHORIZE_MAX_REQUESTS_PER_IP: '1000000',
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
      CONNECT_MAX_REQUESTS_PER_IP: '1000000',
      // As npm start runs it: a demo report request follows each API call (so the full-flow row
      // stays comparable with bench/RESULTS.md).
      DEMO_MODE: 'true',
    },
    'resource-api': {
      PORT: String(resourcePort),
      ISSUER: urls.authServer,
      AUDIENCE,
      JWKS_URL: `${urls.authServer}/.well-known/jwks.json`,
      // Used once resource-api can validate by introspection (ignored by builds that cannot).
      INTROSPECTION_URL: `${urls.authServer}/introspect`,
      DATABASE_PATH: join(dataDir, 'resource-api.sqlite'),
      DEMO_MODE: 'true',
    },
  };
  const health = {
    'auth-server': `${urls.authServer}/health`,
    'login-ui': `${urls.loginUi}/health`,
    'client-web': `${urls.clientWeb}/health`,
    'resource-api': `${urls.resourceApi}/health`,
  };
  return { urls, dataDir, environments, health };
}

/**
 * Starts the four services of `plan` at once and waits until each /health answers 200. Returns
 * the handles and the cold start: milliseconds from spawning to each one healthy, and to all four.
 * `profile` maps a service name to a directory: that service runs with --cpu-prof into it (and
 * exits cleanly on SIGUSR2, see exit-on-sigusr2.mjs, so the profile is written). `extraEnv` is
 * added to all four (e.g. NODE_OPTIONS or MALLOC_ARENA_MAX, to try a runtime knob).
 */
export async function startFour(plan, { logLevel, logDir, profile = {}, extraEnv = {} }) {
  const started = performance.now();
  const services = {};
  for (const name of SERVICE_NAMES) {
    const profileDir = profile[name];
    services[name] = startNode(join(WORKSPACE_ROOT, 'dist/apps', name, 'main.js'), {
      env: {
        ...RUNTIME_ENV,
        NODE_ENV: 'production',
        LOG_FORMAT: 'json',
        LOG_LEVEL: logLevel,
        ...plan.environments[name],
        ...extraEnv,
      },
      nodeArgs: profileDir
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${profileDir}`,
            '--import',
            join(WORKSPACE_ROOT, 'tools/bench/exit-on-sigusr2.mjs'),
          ]
        : [],
      logFile: join(logDir, `${name}.log`),
    });
  }
  const healthyAt = {};
  try {
    await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const at = await waitFor(plan.health[name], {
          alive: () => !services[name].exited(),
        });
        healthyAt[name] = at - started;
      }),
    );
  } catch (error) {
    await stopFour(services);
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} (logs under ${logDir})`,
    );
  }
  return {
    services,
    coldStart: { ...healthyAt, all: Math.max(...Object.values(healthyAt)) },
    rssAtStart: Object.fromEntries(SERVICE_NAMES.map((name) => [name, services[name].rssBytes()])),
  };
}

/** Stops the four (profiled ones with SIGUSR2 so that their profile is written). */
export async function stopFour(services, profiled = []) {
  await Promise.all(
    Object.entries(services).map(([name, handle]) =>
      handle.stop(profiled.includes(name) ? 'SIGUSR2' : 'SIGTERM'),
    ),
  );
}
