// `npm run test:scale`: the suites that prove the PostgreSQL store (issue 8), on a real server. Run by
// .ci/run after `npm test`.
//
// 1. PostgreSQL: Debian's server binaries (/usr/lib/postgresql/<version>/bin; apt-get installs
//    `postgresql` when they are missing, as root). A throwaway cluster in a new temporary directory,
//    on 127.0.0.1 only and a free port, trust authentication (nothing else can reach it), fsync off
//    (nothing in it outlives the run). As root it runs as the `postgres` user: the server refuses
//    to run as root.
// 2. The suites, with TEST_POSTGRES_URL set: each app's whole jest suite (unit and e2e), each app
//    instance on a new database of its own (libs/testing/src/postgres.ts, used by the apps'
//    fixtures), test/database-schema.e2e-spec.ts comparing each app's two migration sets, and
//    apps/auth-server/test/replicas.e2e-spec.ts: two auth-server replicas on one database; then
//    the cross-service suite (apps/flow-e2e) with each of the four services on PostgreSQL
//    (libs/testing/src/four-services.ts).
// 3. Always: the server stopped and its directory removed.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each app's whole jest suite (unit and e2e), one app after another, then the cross-service suite
// (the four built services as processes, each on a PostgreSQL database of its own). `npx` runs each.
const SUITES = [
  ...['auth-server', 'login-ui', 'client-web', 'resource-api'].map((app) => [
    'jest',
    '-c',
    `apps/${app}/jest.config.cts`,
  ]),
  // Never replayed from Nx's cache: TEST_POSTGRES_URL is not one of the target's inputs.
  ['nx', 'run', 'flow-e2e:e2e', '--skip-nx-cache', '--output-style=static'],
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

function ensurePostgres() {
  let bin = postgresBin();
  if (bin === undefined) {
    if (process.getuid?.() !== 0) {
      throw new Error('PostgreSQL is not installed (Debian: apt-get install postgresql)');
    }
    log('installing postgresql');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    bin = postgresBin();
  }
  if (bin === undefined) {
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  }
  return bin;
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
  const bin = ensurePostgres();
  const dir = mkdtempSync(join(tmpdir(), 'oauth-flow-lab-postgres-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  let started = false;
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
    for (const suite of SUITES) {
      log(`npx ${suite.join(' ')}`);
      const result = spawnSync('npx', suite, {
        stdio: 'inherit',
        env: { ...process.env, TEST_POSTGRES_URL: url },
      });
      if (result.status !== 0) {
        throw new Error(`${suite.join(' ')} failed (exit ${result.status ?? result.signal})`);
      }
    }
    log('passed');
  } finally {
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
