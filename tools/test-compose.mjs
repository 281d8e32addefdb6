// `npm run test:compose`: the four services in Docker, exactly as the README's "With Docker" says,
// proven by a test. Run by .ci/run after `npm test`.
//
// 1. A Docker engine: when none answers, installs what is missing with apt-get (docker.io,
//    docker-compose, debootstrap) and starts `dockerd --storage-driver=vfs` in the background, and
//    stops it at the end.
// 2. The base image: `debian:trixie-slim` is built locally with debootstrap when absent (Docker Hub
//    is not reachable here; with it, the official image is the same Debian). The host's own CA
//    certificates go to docker/ca-certificates/ for npm behind a TLS proxy.
// 3. Twice, once per stack: docker-compose.yml alone (the four, sqlite files on volumes), then with
//    docker-compose.postgres.yml over it (PostgreSQL, Redis, two auth-server replicas behind nginx).
//    Each time `docker-compose build` of the images the stack adds, then `up -d`; waits (5 minutes
//    at most) until every service is healthy, then runs the compose suite
//    (apps/flow-e2e/src/*.compose-spec.ts) against the published ports: `npm run flow` passes all
//    six steps, `docker-compose logs` tell steps 1 to 6 under its flow id, a refresh token issued
//    before `docker-compose restart auth-server` still works after it, and `docker-compose down`
//    then `up` keeps users, consents, refresh tokens and the signing key; with the replicas also
//    compose-replicas.compose-spec.ts (both replicas serve, one stopped loses nothing, failure
//    counters shared). The stack is chosen the way a user does it: COMPOSE_FILE and
//    COMPOSE_PROJECT_NAME, which every docker-compose call reads.
// 4. Always `docker-compose down -v`; on failure first the last 100 log lines of each service.
// 5. Before and after: the images earlier runs left behind are removed (see removeStaleImages).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVICES = ['auth-server', 'login-ui', 'client-web', 'resource-api'];
// Each stack under a project name of its own: the test never touches a stack a user started by hand.
// `build`: the services whose images the stack builds. The second stack's app services use the
// first's images (the same Dockerfile and APP): building them again would find every layer cached,
// yet cost 40-90 s a service under vfs (the context sent again, node_modules hashed again for its
// COPY). `up` then finds every image present. A user's `docker-compose ... up` builds what is
// missing the same way.
const STACKS = [
  {
    files: 'docker-compose.yml',
    project: 'oauth-flow-lab-test',
    services: SERVICES,
    build: SERVICES,
  },
  {
    files: 'docker-compose.yml:docker-compose.postgres.yml',
    project: 'oauth-flow-lab-test-postgres',
    services: [...SERVICES, 'postgres', 'redis', 'auth-server-1', 'auth-server-2'],
    // auth-server is the load balancer (nginx) in this stack.
    build: ['postgres', 'redis', 'auth-server'],
  },
];
const BASE_IMAGE = 'debian:trixie-slim';
// The Dockerfile's label on every image it builds, and the tag that keeps its build stage.
const IMAGE_LABEL = 'oauth-flow-lab.image';
const BUILD_STAGE_TAG = 'oauth-flow-lab/build-stage';
const HEALTHY_WITHIN_MS = 5 * 60 * 1000;
const OUTPUT = 'test-output/compose';
const compose = (...args) => run('docker-compose', args);

function log(message) {
  process.stdout.write(`== test:compose: ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

function succeeds(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

function output(command, args) {
  return execFileSync(command, args, { encoding: 'utf8' }).trim();
}

function installMissing() {
  const missing = [
    ['dockerd', 'docker.io'],
    ['docker-compose', 'docker-compose'],
    ['debootstrap', 'debootstrap'],
  ].filter(([command]) => !succeeds('sh', ['-c', `command -v ${command}`]));
  if (missing.length > 0) {
    const packages = missing.map(([, pkg]) => pkg);
    log(`installing ${packages.join(', ')} with apt-get`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...packages], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
}

/** Starts dockerd when no daemon answers; returns the process to stop at the end, if any. */
async function ensureDaemon() {
  if (succeeds('docker', ['info'])) {
    return undefined;
  }
  mkdirSync(OUTPUT, { recursive: true });
  log(`starting dockerd --storage-driver=vfs (log: ${OUTPUT}/dockerd.log)`);
  const logFile = openSync(join(OUTPUT, 'dockerd.log'), 'w');
  const daemon = spawn('dockerd', ['--storage-driver=vfs'], {
    stdio: ['ignore', logFile, logFile],
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (!succeeds('docker', ['info'])) {
    if (Date.now() > deadline || daemon.exitCode !== null) {
      throw new Error(`dockerd did not come up: see ${OUTPUT}/dockerd.log`);
    }
    await sleep(1000);
  }
  return daemon;
}

function ensureBaseImage() {
  if (succeeds('docker', ['image', 'inspect', BASE_IMAGE])) {
    return;
  }
  log(`building ${BASE_IMAGE} locally with debootstrap (about a minute)`);
  const root = mkdtempSync(join(tmpdir(), 'trixie-'));
  // mkdtemp makes the folder 0700; as the image's `/` that would lock every non-root user out.
  chmodSync(root, 0o755);
  try {
    run('debootstrap', ['--variant=minbase', 'trixie', root, 'http://deb.debian.org/debian'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    run('sh', ['-c', `tar -C "${root}" -c . | docker import - ${BASE_IMAGE}`]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The host's own CA certificates (a TLS-intercepting proxy's, on these machines) for `npm ci` in the
 * build stage: see docker/ca-certificates/README.md.
 */
function shareHostCaCertificates() {
  const hostDir = '/usr/local/share/ca-certificates';
  const certificates = existsSync(hostDir)
    ? readdirSync(hostDir).filter((name) => name.endsWith('.crt'))
    : [];
  for (const name of certificates) {
    copyFileSync(join(hostDir, name), join('docker/ca-certificates', name));
  }
  if (certificates.length > 0) {
    log(`trusting the host's CA certificates in the build stage: ${certificates.join(', ')}`);
  }
}

/**
 * With the vfs storage driver every layer is a full copy of the file system, and each change to the
 * code leaves the previous images behind, untagged: a few runs filled a CI disk. So the images that
 * carry the Dockerfile's label and that no tag names any more are removed (never anybody else's).
 *
 * The build stage has no tag of its own in docker-compose.yml, so after the stacks it is tagged
 * (a cached build: compose has just built it), or its cached `npm ci` layer would go with the rest.
 * Before the stacks only the runtime images are removed: the build stage there may be the one this
 * run is about to reuse.
 */
function removeStaleImages({ afterBuild }) {
  if (afterBuild) {
    log(`tagging the build stage as ${BUILD_STAGE_TAG}`);
    run('docker', ['build', '--quiet', '--target', 'build', '--tag', BUILD_STAGE_TAG, '.'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  log('removing the untagged images of this project');
  const label = afterBuild ? IMAGE_LABEL : `${IMAGE_LABEL}=app`;
  run('docker', ['image', 'prune', '--force', '--filter', `label=${label}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitUntilHealthy(services) {
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  let last = '';
  for (;;) {
    const states = services.map((service) => {
      const id = output('docker-compose', ['ps', '-q', service]);
      const health =
        id === ''
          ? 'missing'
          : output('docker', ['inspect', '--format', '{{.State.Health.Status}}', id]);
      return `${service}=${health}`;
    });
    const line = states.join(' ');
    if (line !== last) {
      log(line);
      last = line;
    }
    if (states.every((state) => state.endsWith('=healthy'))) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`not all healthy after ${HEALTHY_WITHIN_MS / 60000} minutes: ${line}`);
    }
    await sleep(2000);
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether docker-compose has built the images this run (so that the build stage is cached). */
let built = false;

/** One stack: built, started, tested, and always taken down. Returns whether it passed. */
async function testStack({ files, project, services, build }) {
  process.env.COMPOSE_FILE = files;
  process.env.COMPOSE_PROJECT_NAME = project;
  log(`COMPOSE_FILE=${files}`);
  try {
    log(`docker-compose build ${build.join(' ')}`);
    compose('build', ...build);
    built = true;
    log('docker-compose up -d');
    compose('up', '-d');
    await waitUntilHealthy(services);
    log('the compose suite against the published ports');
    run('npx', ['jest', '-c', 'apps/flow-e2e/jest.compose.config.cts', '--runInBand']);
    return true;
  } catch (error) {
    process.stderr.write(`\n== test:compose failed (${files}): ${error.message}\n`);
    for (const service of services) {
      process.stderr.write(`\n== last 100 log lines of ${service}\n`);
      spawnSync('docker-compose', ['logs', '--no-color', '--tail=100', service], {
        stdio: 'inherit',
      });
    }
    return false;
  } finally {
    log('docker-compose down -v');
    spawnSync('docker-compose', ['down', '-v'], { stdio: 'inherit' });
  }
}

async function main() {
  const started = Date.now();
  installMissing();
  const daemon = await ensureDaemon();
  let failed = false;
  try {
    ensureBaseImage();
    shareHostCaCertificates();
    removeStaleImages({ afterBuild: false });
    log('building the flow CLI (the suite runs it)');
    run('npx', ['nx', 'build', 'flow-cli', '--output-style=static']);
    for (const stack of STACKS) {
      if (!(await testStack(stack))) {
        failed = true;
        break;
      }
    }
  } catch (error) {
    failed = true;
    process.stderr.write(`\n== test:compose failed: ${error.message}\n`);
  } finally {
    if (built) {
      try {
        removeStaleImages({ afterBuild: true });
      } catch (error) {
        process.stderr.write(`\n== test:compose could not remove stale images: ${error.message}\n`);
      }
    }
    if (daemon !== undefined) {
      log('stopping the dockerd this test started');
      daemon.kill('SIGTERM');
    }
  }
  log(`${failed ? 'FAILED' : 'passed'} in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exitCode = failed ? 1 : 0;
}

if (!existsSync('docker-compose.yml')) {
  process.stderr.write('run from the workspace root (npm run test:compose)\n');
  process.exit(2);
}
await main();
