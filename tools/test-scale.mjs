// `npm run test:scale`: the suites that prove the shared stores of issue 8 (PostgreSQL and Redis) on
// real servers. Run by .ci/run after `npm test`.
//
// 1. PostgreSQL: Debian's server binaries (/usr/lib/postgresql/<version>/bin; apt-get installs
//    `postgresql` when they are missing, as root). A throwaway cluster in a new temporary directory,
//    on 127.0.0.1 only and a free port, trust authentication (nothing else can reach it), fsync off
//    (nothing in it outlives the run). As root it runs as the `postgres` user: the server refuses
//    to run as root.
// 2. Redis: Debian's `redis-server` (apt-get installs it when missing, as root), on 127.0.0.1 only
//    and a free port, nothing saved to disk (`--save ''`, no append-only file).
// 3. The suites, with TEST_POSTGRES_URL and TEST_REDIS_URL set: libs/rate-limits' (the failure
//    counters in Redis, shared by two limiters), each app's whole jest suite (unit and e2e), each app
//    instance on a new database of its own (libs/testing/src/postgres.ts, used by the apps'
//    fixtures), test/database-schema.e2e-spec.ts comparing each app's two migration sets, and
//    apps/auth-server/test/replicas.e2e-spec.ts: two auth-server replicas on one database; then
//    the cross-service suite (apps/flow-e2e) with each of the four services on PostgreSQL, two
//    auth-server processes with one issuer, and auth-server's and login-ui's failure counters in
//    Redis (libs/testing/src/four-services.ts; apps/flow-e2e/src/replicas.e2e-spec.ts).
// 4. Always: both servers stopped and their directory removed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each app's whole jest suite (unit and e2e), one app after another, then the cross-service suite
// (the four built services as processes, each on a PostgreSQL database of its own). `npx` runs each.
const SUITES = [
  ['jest', '-c', 'libs/rate-limits/jest.config.cts'],
  ...['auth-server', 'login-ui', 'client-web', 'resource-api'].map((app) => [
    'jest',
    '-c',
    `apps/${app}/jest.config.cts`,
  ]),
  // e2e is never cached (nx.json): TEST_POSTGRES_URL is not one of its inputs. The builds it
  // depends on are replayed from the cache when npm test has just made them.
  ['nx', 'run', 'flow-e2e:e2e', '--output-style=static'],
];

function log(message) {
  process.stdout.write(`== test:scale: ${message}\n`);
}

function postgresBin() {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))[0]
    : undefined;
  return version === undefined ? undefined : join(root, version, 'bin');
}

const REDIS_SERVER = '/usr/bin/redis-server';

/** Installs the Debian packages whose programs are missing (as root; otherwise says what to install). */
function ensurePackages() {
  const missing = [
    ...(postgresBin() === undefined ? ['postgresql'] : []),
    ...(existsSync(REDIS_SERVER) ? [] : ['redis-server']),
  ];
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) {
      throw new Error(
        `not installed: ${missing.join(', ')} (Debian: apt-get install ${missing.join(' ')})`,
      );
    }
    log(`installing ${missing.join(', ')}`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  const bin = postgresBin();
  if (bin === undefined) {
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  }
  return bin;
}

/** Starts redis-server in the foreground (a child of this script) and waits until it answers. */
async function startRedis(port, dir) {
  const server = spawn(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`redis-server exited (${server.exitCode})`);
    }
    if (await answers(port)) {
      return server;
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  server.kill('SIGKILL');
  throw new Error(`redis-server did not answer on 127.0.0.1:${port} within 10 s`);
}

/** Whether something on 127.0.0.1:port answers a Redis PING. */
function answers(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.setTimeout(1000);
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function stopRedis(server) {
  if (server.exitCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    server.once('exit', resolve);
    server.kill('SIGTERM');
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL program, as the `postgres` user when we are root. */
function asPostgres(bin, program, args) {
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
    : [join(bin, program), args];
  execFileSync(command, commandArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
}

async function main() {
  const bin = ensurePackages();
  const dir = mkdtempSync(join(tmpdir(), 'oauth-flow-lab-postgres-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  let started = false;
  let redis;
  try {
    asPostgres(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    asPostgres(bin, 'pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      join(dir, 'server.log'),
      '-w',
      'start',
    ]);
    started = true;
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    log(`PostgreSQL ${bin.split('/').at(-2)} on 127.0.0.1:${port} (data in ${data})`);
    const redisPort = await freePort();
    redis = await startRedis(redisPort, dir);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    log(`Redis on 127.0.0.1:${redisPort}`);
    for (const suite of SUITES) {
      log(`npx ${suite.join(' ')}`);
      const result = spawnSync('npx', suite, {
        stdio: 'inherit',
        env: { ...process.env, TEST_POSTGRES_URL: url, TEST_REDIS_URL: redisUrl },
      });
      if (result.status !== 0) {
        throw new Error(`${suite.join(' ')} failed (exit ${result.status ?? result.signal})`);
      }
    }
    log('passed');
  } finally {
    if (redis !== undefined) {
      await stopRedis(redis);
    }
    if (started) {
      asPostgres(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`== test:scale: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
