// `npm run bench`: builds the four services, starts them (embedded sqlite, temporary data, free
// ports) beside two reference servers, measures, prints a table and writes it to bench/RESULTS.md.
// What is measured and how: bench/README.md. It reports; it never fails on a missed target.
//
//   npm run bench [-- --profile] [--skip-build] [--rounds 3] [--seconds 5] [--flows 200] [--out F]
//                 [--data-dir DIR] [--env KEY=VALUE …]
//
// --profile runs the four services with --cpu-prof and appends each phase's top
// self-time functions (tools/bench/cpuprofile.mjs); its numbers then carry the profiler's cost, so
// it writes test-output/bench/RESULTS-profiled.md unless --out says otherwise.
import { execFileSync } from 'node:child_process';
import { scrypt } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import * as prettier from 'prettier';
import { basic, refreshTokenFor, sixStepFlow, Browser } from './browser.mjs';
import { RUNTIME_ENV } from '../runtime-env.mjs';
import { formatSummary, summarize } from './cpuprofile.mjs';
import { load, median, percentile } from './load.mjs';
import {
  AUDIENCE,
  freePorts,
  environmentOf,
  planServices,
  SERVICE_NAMES,
  startFour,
  startNode,
  stopFour,
  waitFor,
  WORKSPACE_ROOT,
} from './processes.mjs';

const { values: args } = parseArgs({
  options: {
    profile: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '20' },
    flows: { type: 'string', default: '200' },
    'info-flows': { type: 'string', default: '50' },
    out: { type: 'string' },
    'data-dir': { type: 'string' },
    env: { type: 'string', multiple: true, default: [] },
  },
});
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const FLOWS = Number(args.flows);
const INFO_FLOWS = Number(args['info-flows']);
const OUT = join(
  WORKSPACE_ROOT,
  args.out ?? (args.profile ? 'test-output/bench/RESULTS-profiled.md' : 'bench/RESULTS.md'),
);
const OUTPUT_DIR = join(WORKSPACE_ROOT, 'test-output/bench');
/** Under --profile, all four: the loads concern auth-server and resource-api, the full flow all. */
const PROFILED = SERVICE_NAMES;
/** `--env KEY=VALUE` (repeatable): added to the four services' environment. */
const EXTRA_ENV = environmentOf(args.env, '--env');

const ALICE = { username: 'alice', password: 'wonderland' };
const CLIENT_WEB = { id: 'client-web', secret: 'client-web-secret' };
const REPORTING_SERVICE = { id: 'reporting-service', secret: 'reporting-service-secret' };
const CLIENT_CREDENTIALS_BODY = 'grant_type=client_credentials&scope=notes%3Astats';
const FORM = 'application/x-www-form-urlencoded';
/** login-ui's scrypt cost (apps/login-ui/src/users/password-hasher.ts). */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 128 * 8 * (2 ** 17 + 2 + 1) };

const TARGETS = {
  // Issue 17: "token endpoint ≥ 1.0× oidc-provider's requests/s in the same run (the goal is 1.2×)".
  tokenRatio: 1.0,
  tokenGoalRatio: 1.2,
  verifiedGetRatio: 0.6,
  flowP50OverHashMs: 30,
  coldStartMs: 5000,
  rssBytes: 120e6,
};
/** The services the RSS target is for (issue 17: "RSS ≤ 120 MB for auth-server and resource-api"). */
const RSS_TARGETED = ['auth-server', 'resource-api'];

const startedAt = new Date();
const benchStart = performance.now();
const log = (line) => process.stdout.write(`${line}\n`);
/** Monotonic microseconds, the clock of the .cpuprofile timestamps. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const phases = [];
/** The measured runs, per service under load, in the profile's clock: [{service, label, from, to}]. */
const runWindows = [];
async function measured(service, label, work) {
  const from = nowUs();
  const result = await work();
  runWindows.push({ service, label, from, to: nowUs() });
  return result;
}
async function phase(name, work) {
  log(`\n▶ ${name} (load average ${loadAverage()})`);
  const from = nowUs();
  try {
    return await work();
  } finally {
    phases.push({ name, from, to: nowUs(), load: os.loadavg()[0] });
  }
}
const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

function decodeJwt(token) {
  const [header, payload] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  return { header, payload };
}

/** One client_credentials token from `tokenUrl`, checked to be the RFC 9068 JWT we compare. */
async function clientCredentialsToken(tokenUrl, who) {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': FORM, authorization: basic(REPORTING_SERVICE) },
    body: CLIENT_CREDENTIALS_BODY,
  });
  const body = await response.json();
  if (response.status !== 200 || typeof body.access_token !== 'string') {
    throw new Error(`${who} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  const { header, payload } = decodeJwt(body.access_token);
  if (header.alg !== 'RS256' || header.typ !== 'at+jwt' || payload.aud !== AUDIENCE) {
    throw new Error(`${who}'s token is not an RS256 at+jwt for ${AUDIENCE}`);
  }
  return { token: body.access_token, bytes: Buffer.byteLength(JSON.stringify(body)) };
}

const deriveKey = promisify(scrypt);

/** One password hash at login-ui's cost, in the bench process: its wall time in ms. */
async function oneHashMs(salt) {
  const started = performance.now();
  await deriveKey('wonderland', `salt-${salt}-0123456789`, 32, SCRYPT);
  return performance.now() - started;
}

function assertAllOk(result, what) {
  if (result.notOk > 0) {
    throw new Error(`${what}: ${result.notOk} answers were not 2xx (${result.detail})`);
  }
}

/** A B A B …: each round warms each server up, then measures it. */
async function alternate(rounds, a, b) {
  const results = { a: [], b: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const [key, side] of [
      ['a', a],
      ['b', b],
    ]) {
      await load({ ...side.options, seconds: WARMUP });
      const cpuBefore = side.handle.cpuMs();
      // Only a labelled side is a profile section: the one-round comparisons run resource-api
      // without a label, and their windows would otherwise make a section named "undefined".
      const result =
        side.label === undefined
          ? await load(side.options)
          : await measured(side.name, side.label, () => load(side.options));
      assertAllOk(result, side.name);
      result.cpuMsPerRequest = (side.handle.cpuMs() - cpuBefore) / result.ok;
      result.load = os.loadavg()[0];
      results[key].push(result);
      log(
        `  round ${round} ${side.name.padEnd(20)} ${result.rps.toFixed(0).padStart(6)} req/s  p99 ${String(result.p99).padStart(4)} ms  ${result.cpuMsPerRequest.toFixed(2)} ms CPU/request`,
      );
    }
  }
  const summary = (list) => ({
    rps: median(list.map((r) => r.rps)),
    p99: median(list.map((r) => r.p99)),
    cpuMsPerRequest: median(list.map((r) => r.cpuMsPerRequest)),
    rounds: list,
  });
  return { a: summary(results.a), b: summary(results.b) };
}

/** Refresh-token chains, one per connection: each answer's refresh_token is the next request's. */
async function refreshLoad(urls, seconds, connections, around = (work) => work()) {
  const browser = new Browser();
  const tokens = [];
  for (let i = 0; i < connections; i++) {
    tokens.push(await refreshTokenFor(urls, browser, ALICE, CLIENT_WEB));
  }
  return around(() =>
    load({
      url: `${urls.authServer}/token`,
      connections,
      seconds,
      method: 'POST',
      headers: { 'content-type': FORM, authorization: basic(CLIENT_WEB) },
      setupClient: (client) => {
        const chain = { token: tokens.pop() };
        client.setRequests([
          {
            method: 'POST',
            path: '/token',
            headers: { 'content-type': FORM, authorization: basic(CLIENT_WEB) },
            setupRequest: (request) => ({
              ...request,
              body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(chain.token)}`,
            }),
            onResponse: (status, body) => {
              if (status === 200) {
                chain.token = JSON.parse(body).refresh_token;
              }
            },
          },
        ]);
      },
    }),
  );
}

/** `count` sequential six-step flows (after `warm` unmeasured ones): totals and per-hop medians. */
async function flows(urls, count, warm, services) {
  for (let i = 0; i < warm; i++) {
    await sixStepFlow(urls, ALICE);
  }
  const totals = [];
  const hashes = [];
  const outsideRequests = [];
  const hops = new Map();
  const cpuBefore = Object.fromEntries(SERVICE_NAMES.map((n) => [n, services[n].cpuMs()]));
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const timings = await sixStepFlow(urls, ALICE);
    const total = performance.now() - started;
    totals.push(total);
    outsideRequests.push(total - timings.reduce((sum, [, ms]) => sum + ms, 0));
    for (const [label, ms] of timings) {
      hops.set(label, [...(hops.get(label) ?? []), ms]);
    }
    // The hash the target leaves out, timed between two flows: at the load the flows ran under,
    // where one sample before them all could differ from it by a quarter either way.
    hashes.push(await oneHashMs(i));
  }
  return {
    /** The password hash, median of one after each flow (outside the flows' own timings). */
    hashMs: median(hashes),
    p50: percentile(totals, 50),
    p95: percentile(totals, 95),
    max: Math.max(...totals),
    /** The bench's own work between requests (parsing pages with cheerio), median per flow. */
    browserMs: median(outsideRequests),
    /** CPU each service spent per flow (all threads: the password hash runs on libuv's pool). */
    cpuMsPerFlow: Object.fromEntries(
      SERVICE_NAMES.map((n) => [n, (services[n].cpuMs() - cpuBefore[n]) / count]),
    ),
    requests: [...hops.values()].reduce((sum, list) => sum + list.length, 0) / count,
    hops: [...hops.entries()].map(([label, list]) => ({
      label,
      perFlow: list.length / count,
      p50: percentile(list, 50),
      p95: percentile(list, 95),
    })),
  };
}

function rssOf(handles) {
  return Object.fromEntries(Object.entries(handles).map(([name, h]) => [name, h.rssBytes()]));
}

async function main() {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const machine = {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    memoryGiB: os.totalmem() / 2 ** 30,
    loadStart: os.loadavg(),
  };
  const packages = Object.fromEntries(
    ['autocannon', 'oidc-provider', 'jose', '@nestjs/core'].map((name) => [
      name,
      JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'node_modules', name, 'package.json'), 'utf8'))
        .version,
    ]),
  );

  if (!args['skip-build']) {
    await phase('build (nx run-many -t build, cached when unchanged)', () => {
      execFileSync(
        'npx',
        ['nx', 'run-many', '-t', 'build', '-p', ...SERVICE_NAMES, '--output-style=static'],
        {
          cwd: WORKSPACE_ROOT,
          stdio: ['ignore', 'inherit', 'inherit'],
          env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
        },
      );
    });
  }
  const buildSeconds = (performance.now() - benchStart) / 1000;

  const profileDir = join(OUTPUT_DIR, 'profiles');
  if (args.profile) {
    rmSync(profileDir, { recursive: true, force: true });
  }
  const plan = await planServices(args['data-dir']);
  const logRoot = join(OUTPUT_DIR, 'logs');
  rmSync(logRoot, { recursive: true, force: true });
  mkdirSync(join(logRoot, 'warn'), { recursive: true });
  mkdirSync(join(logRoot, 'info'), { recursive: true });
  const others = [];
  const results = { machine, packages, buildSeconds };
  try {
    // 1. Cold start, first boot on empty data (migrations, seeds, a new signing key).
    const first = await phase('cold start: the four services, first boot, LOG_LEVEL=warn', () =>
      startFour(plan, {
        logLevel: 'warn',
        extraEnv: EXTRA_ENV,
        logDir: join(logRoot, 'warn'),
        profile: args.profile
          ? Object.fromEntries(PROFILED.map((name) => [name, join(profileDir, name)]))
          : {},
      }),
    );
    results.coldStart = first.coldStart;
    results.rssAtStart = first.rssAtStart;
    log(`  all four healthy after ${first.coldStart.all.toFixed(0)} ms`);
    const { urls } = plan;

    // The reference servers, each a process of its own like the service it is compared with.
    const [oidcPort, josePort] = await freePorts(2);
    const oidc = startNode(join(WORKSPACE_ROOT, 'tools/bench/oidc-provider-server.mjs'), {
      env: {
        PORT: String(oidcPort),
        AUDIENCE,
        CLIENT_ID: REPORTING_SERVICE.id,
        CLIENT_SECRET: REPORTING_SERVICE.secret,
      },
      logFile: join(logRoot, 'oidc-provider.log'),
    });
    others.push(oidc);
    const oidcUrl = `http://127.0.0.1:${oidcPort}`;
    await waitFor(`${oidcUrl}/.well-known/openid-configuration`, { alive: () => !oidc.exited() });

    const ours = await clientCredentialsToken(`${urls.authServer}/token`, 'auth-server');
    const theirs = await clientCredentialsToken(`${oidcUrl}/token`, 'oidc-provider');
    results.tokenBytes = { ours: ours.bytes, theirs: theirs.bytes };

    const statsUrl = `${urls.resourceApi}/notes/stats`;
    const stats = await fetch(statsUrl, { headers: { authorization: `Bearer ${ours.token}` } });
    const statsBody = await stats.text();
    if (stats.status !== 200) {
      throw new Error(`resource-api answered ${stats.status} to GET /notes/stats: ${statsBody}`);
    }
    const jose = startNode(join(WORKSPACE_ROOT, 'tools/bench/jose-server.mjs'), {
      env: {
        PORT: String(josePort),
        JWKS_URL: `${urls.authServer}/.well-known/jwks.json`,
        ISSUER: urls.authServer,
        AUDIENCE,
        BODY: statsBody,
      },
      logFile: join(logRoot, 'jose-server.log'),
    });
    others.push(jose);
    const joseUrl = `http://127.0.0.1:${josePort}`;
    await waitFor(`${joseUrl}/notes/stats`, { wanted: 401, alive: () => !jose.exited() });
    const joseCheck = await fetch(`${joseUrl}/notes/stats`, {
      headers: { authorization: `Bearer ${ours.token}` },
    });
    if (joseCheck.status !== 200 || (await joseCheck.text()) !== statsBody) {
      throw new Error(`the jose server answered ${joseCheck.status} to a valid token`);
    }

    // 2. Token endpoint, A B A B …
    const tokenRequest = (url) => ({
      url,
      connections: CONNECTIONS,
      seconds: SECONDS,
      method: 'POST',
      headers: { 'content-type': FORM, authorization: basic(REPORTING_SERVICE) },
      body: CLIENT_CREDENTIALS_BODY,
    });
    results.token = await phase(
      `token endpoint: client_credentials, ${CONNECTIONS} connections, ${ROUNDS} rounds`,
      () =>
        alternate(
          ROUNDS,
          {
            name: 'auth-server',
            label: 'token endpoint (client_credentials)',
            handle: first.services['auth-server'],
            options: tokenRequest(`${urls.authServer}/token`),
          },
          { name: 'oidc-provider', handle: oidc, options: tokenRequest(`${oidcUrl}/token`) },
        ),
    );

    // 3. Verified GET, A B A B …
    const getRequest = (url) => ({
      url,
      connections: CONNECTIONS,
      seconds: SECONDS,
      headers: { authorization: `Bearer ${ours.token}` },
    });
    results.verifiedGet = await phase(
      `verified GET /notes/stats, ${CONNECTIONS} connections, ${ROUNDS} rounds`,
      () =>
        alternate(
          ROUNDS,
          {
            name: 'resource-api',
            label: 'verified GET /notes/stats',
            handle: first.services['resource-api'],
            options: getRequest(statsUrl),
          },
          {
            name: 'node:http + jose',
            handle: jose,
            options: getRequest(`${joseUrl}/notes/stats`),
          },
        ),
    );

    /**
     * A second resource-api, `env` over the first one's, measured one round beside the first (the
     * other comparisons have 3): {a: the first, b: this one}.
     */
    const besideResourceApi = async (name, env, phaseName) => {
      const [apiPort] = await freePorts(1);
      const api = startNode(join(WORKSPACE_ROOT, 'dist/apps/resource-api/main.js'), {
        env: {
          ...RUNTIME_ENV,
          NODE_ENV: 'production',
          LOG_FORMAT: 'json',
          LOG_LEVEL: 'warn',
          ...plan.environments['resource-api'],
          ...EXTRA_ENV,
          PORT: String(apiPort),
          DATABASE_PATH: join(plan.dataDir, `resource-api-${name}.sqlite`),
          ...env,
        },
        logFile: join(logRoot, `resource-api-${name}.log`),
      });
      others.push(api);
      const apiUrl = `http://localhost:${apiPort}/notes/stats`;
      await waitFor(apiUrl, { wanted: 401, alive: () => !api.exited() });
      const compared = await phase(phaseName, () =>
        alternate(
          1,
          {
            name: 'resource-api',
            handle: first.services['resource-api'],
            options: getRequest(statsUrl),
          },
          { name: `resource-api (${name})`, handle: api, options: getRequest(apiUrl) },
        ),
      );
      await api.stop();
      return compared;
    };

    // 3b. The same GET with resource-api validating by introspection (README "JWT or
    // introspection?"): TOKEN_VALIDATION=introspection asks auth-server's /introspect for every
    // request (cache 0 s) or once per token every 5 s (the default).
    results.introspection = [];
    for (const cacheSeconds of [0, 5]) {
      const compared = await besideResourceApi(
        `introspection-${cacheSeconds}`,
        { TOKEN_VALIDATION: 'introspection', INTROSPECTION_CACHE_SECONDS: String(cacheSeconds) },
        `verified GET /notes/stats: jwt mode vs introspection mode (cache ${cacheSeconds} s), 1 round`,
      );
      results.introspection.push({ cacheSeconds, jwt: compared.a, introspection: compared.b });
    }

    // 3b'. The same GET with DEMO_MODE=false, as in production: no step log of steps 5 and 6, no
    // debug routes. What the teaching costs a request (the headline rows run DEMO_MODE=true, as
    // npm start does).
    const demoOff = await besideResourceApi(
      'demo-off',
      { DEMO_MODE: 'false' },
      'verified GET /notes/stats: DEMO_MODE=true vs DEMO_MODE=false, 1 round',
    );
    results.demoOff = { on: demoOff.a, off: demoOff.b };

    // 3c. The framework floor: Nest + Fastify answering the same body with no work at all
    // (nest-floor-server.mjs), one round beside resource-api. The part of the verified GET's cost
    // that this project's code cannot remove without leaving the framework.
    /**
     * nest-floor-server.mjs on `adapter`, up and answering: its handle and its URL. With `guarded`,
     * passport-jwt in front of the route (GUARD=passport-jwt), verifying auth-server's tokens.
     */
    const startFloor = async (adapter, guarded = false) => {
      const [port] = await freePorts(1);
      const guard = guarded
        ? {
            GUARD: 'passport-jwt',
            JWKS_URL: `${urls.authServer}/.well-known/jwks.json`,
            ISSUER: urls.authServer,
            AUDIENCE,
          }
        : {};
      const handle = startNode(join(WORKSPACE_ROOT, 'tools/bench/nest-floor-server.mjs'), {
        env: { ...EXTRA_ENV, PORT: String(port), BODY: statsBody, ADAPTER: adapter, ...guard },
        logFile: join(logRoot, `nest-floor-server-${adapter}${guarded ? '-passport-jwt' : ''}.log`),
      });
      others.push(handle);
      const url = `http://127.0.0.1:${port}/notes/stats`;
      await waitFor(url, { wanted: guarded ? 401 : 200, alive: () => !handle.exited() });
      return { handle, url };
    };
    const { handle: floor, url: floorUrl } = await startFloor('fastify');
    const floorCompared = await phase(
      'verified GET /notes/stats against the Nest + Fastify floor, 1 round',
      () =>
        alternate(
          1,
          {
            name: 'resource-api',
            handle: first.services['resource-api'],
            options: getRequest(statsUrl),
          },
          { name: 'Nest + Fastify, constant answer', handle: floor, options: getRequest(floorUrl) },
        ),
    );
    results.floor = { resourceApi: floorCompared.a, floor: floorCompared.b };

    // 3c'. The same floor with passport-jwt in front (the smallest guard the brief's stack allows:
    // no database, no logger, no helmet), one round beside node:http + jose: how near the ceiling
    // a Nest resource server can come before doing its own work.
    const { handle: guardedFloor, url: guardedFloorUrl } = await startFloor('fastify', true);
    const guardedCompared = await phase(
      'the Nest + Fastify + passport-jwt floor against node:http + jose, 1 round',
      () =>
        alternate(
          1,
          {
            name: 'Nest + Fastify + passport-jwt',
            handle: guardedFloor,
            options: getRequest(guardedFloorUrl),
          },
          { name: 'node:http + jose', handle: jose, options: getRequest(`${joseUrl}/notes/stats`) },
        ),
    );
    results.guardedFloor = { floor: guardedCompared.a, jose: guardedCompared.b };

    // 3d. The same floor on Express, the adapter login-ui and client-web keep: what a request
    // would gain by moving them (the README's decision).
    const { handle: expressFloor, url: expressFloorUrl } = await startFloor('express');
    const adapters = await phase(
      'the Nest floor on Fastify against the same on Express, 1 round',
      () =>
        alternate(
          1,
          { name: 'Nest + Fastify, constant answer', handle: floor, options: getRequest(floorUrl) },
          {
            name: 'Nest + Express, constant answer',
            handle: expressFloor,
            options: getRequest(expressFloorUrl),
          },
        ),
    );
    results.adapters = { fastify: adapters.a, express: adapters.b };

    // 4. Refresh: rotation chains, one per connection (fresh chains for the warm-up).
    results.refresh = await phase(
      `refresh_token: ${CONNECTIONS} rotation chains, ${SECONDS} s`,
      async () => {
        await refreshLoad(urls, WARMUP, CONNECTIONS);
        const authServer = first.services['auth-server'];
        let cpuBefore = 0;
        const result = await refreshLoad(urls, SECONDS, CONNECTIONS, (work) => {
          cpuBefore = authServer.cpuMs();
          return measured('auth-server', 'refresh_token', work);
        });
        assertAllOk(result, 'refresh');
        result.cpuMsPerRequest = (authServer.cpuMs() - cpuBefore) / result.ok;
        log(
          `  ${result.rps.toFixed(0)} req/s  p99 ${result.p99} ms  ${result.cpuMsPerRequest.toFixed(2)} ms CPU/request`,
        );
        return result;
      },
    );

    // 5. Full flow, sequential.
    results.flow = await phase(`full flow: ${FLOWS} sequential six-step flows as alice`, () =>
      flows(urls, FLOWS, 5, first.services),
    );
    runWindows.push(
      ...PROFILED.map((service) => ({ service, label: 'full flow', ...phases.at(-1) })),
    );
    log(
      `  p50 ${results.flow.p50.toFixed(1)} ms  p95 ${results.flow.p95.toFixed(1)} ms  password hash ${results.flow.hashMs.toFixed(1)} ms`,
    );

    // 6. Memory after the load.
    results.rss = rssOf(first.services);
    results.rssReference = {
      'oidc-provider': oidc.rssBytes(),
      'node:http + jose': jose.rssBytes(),
      'Nest + Fastify, constant answer': floor.rssBytes(),
      'Nest + Express, constant answer': expressFloor.rssBytes(),
    };
    // The two references stay up for step 7's ratios at info; the rest stop.
    const references = [oidc, jose];
    await Promise.all(
      others.splice(0).flatMap((handle) => (references.includes(handle) ? [] : [handle.stop()])),
    );
    others.push(...references);
    await stopFour(first.services, args.profile ? PROFILED : []);

    // 7. Once more at the default LOG_LEVEL=info: a restart on the same data, a token round, flows.
    const second = await phase('restart on the existing data, LOG_LEVEL=info', () =>
      startFour(plan, { logLevel: 'info', logDir: join(logRoot, 'info'), extraEnv: EXTRA_ENV }),
    );
    try {
      results.restart = second.coldStart;
      log(`  all four healthy after ${second.coldStart.all.toFixed(0)} ms`);
      results.info = {};
      // The same two comparisons as above, with as many rounds (one round was too noisy to
      // compare): a hop logged at info should be one line written, so each ratio should stay
      // within 20% of its warn figure.
      results.info.token = await phase(
        `token endpoint at LOG_LEVEL=info against oidc-provider, ${ROUNDS} rounds`,
        () =>
          alternate(
            ROUNDS,
            {
              name: 'auth-server (info)',
              label: 'token endpoint (client_credentials), info',
              handle: second.services['auth-server'],
              options: tokenRequest(`${urls.authServer}/token`),
            },
            { name: 'oidc-provider', handle: oidc, options: tokenRequest(`${oidcUrl}/token`) },
          ),
      );
      results.info.verifiedGet = await phase(
        `verified GET at LOG_LEVEL=info against node:http + jose, ${ROUNDS} rounds`,
        () =>
          alternate(
            ROUNDS,
            {
              name: 'resource-api (info)',
              label: 'verified GET /notes/stats, info',
              handle: second.services['resource-api'],
              options: getRequest(statsUrl),
            },
            {
              name: 'node:http + jose',
              handle: jose,
              options: getRequest(`${joseUrl}/notes/stats`),
            },
          ),
      );
      results.info.flow = await phase(`full flow at LOG_LEVEL=info: ${INFO_FLOWS} flows`, () =>
        flows(urls, INFO_FLOWS, 2, second.services),
      );
      log(
        `  p50 ${results.info.flow.p50.toFixed(1)} ms  p95 ${results.info.flow.p95.toFixed(1)} ms`,
      );
    } finally {
      await stopFour(second.services);
    }
  } finally {
    await Promise.all(others.map((handle) => handle.stop()));
    rmSync(plan.dataDir, { recursive: true, force: true });
  }

  results.machine.loadEnd = os.loadavg();
  results.totalSeconds = (performance.now() - benchStart) / 1000;
  let markdown = report(results);
  if (args.profile) {
    writeFileSync(join(profileDir, 'windows.json'), `${JSON.stringify(runWindows, null, 2)}\n`);
    markdown += `\n${profileReport(profileDir)}`;
  }
  const formatted = await prettier.format(markdown, {
    ...(await prettier.resolveConfig(OUT)),
    filepath: OUT,
  });
  mkdirSync(join(OUT, '..'), { recursive: true });
  writeFileSync(OUT, formatted);
  log(`\n${formatted}`);
  log(`Written to ${relative(WORKSPACE_ROOT, OUT)} in ${results.totalSeconds.toFixed(0)} s.`);
}

const ms = (value) => `${value.toFixed(1)} ms`;
const cpu = (value) => `${value.toFixed(2)} ms`;
const rps = (value) => `${value.toFixed(0)}/s`;
const mb = (bytes) => (bytes === undefined ? 'n/a' : `${(bytes / 1e6).toFixed(0)} MB`);
const met = (ok) => (ok ? '**met**' : '**missed**');
const loads = (values) => values.map((v) => v.toFixed(2)).join(' / ');

function report(r) {
  const tokenRatio = r.token.a.rps / r.token.b.rps;
  const getRatio = r.verifiedGet.a.rps / r.verifiedGet.b.rps;
  const infoTokenRatio = r.info.token.a.rps / r.info.token.b.rps;
  const infoGetRatio = r.info.verifiedGet.a.rps / r.info.verifiedGet.b.rps;
  const flowOverHash = r.flow.p50 - r.flow.hashMs;
  // The issue's memory target is for the two services on the hot paths; the table below has all four.
  const rssMax = Math.max(...RSS_TARGETED.map((name) => r.rss[name] ?? Infinity));
  const loginHop = r.flow.hops.find((hop) => hop.label === 'POST login-ui /login');
  const round = (side, i) =>
    `${rps(side.rounds[i].rps)}, p99 ${ms(side.rounds[i].p99)}, ${cpu(side.rounds[i].cpuMsPerRequest)} CPU`;
  const lines = [
    '# Benchmark results',
    '',
    `The output of the last \`npm run bench\`, ${startedAt.toISOString()}. How it measures: [README.md](README.md). The bench reports; it fails on no target.`,
    '',
    '## Machine and method',
    '',
    `- ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memoryGiB.toFixed(0)} GiB, Node ${r.machine.node}, ${os.platform()} ${os.release()}.`,
    `- Load average (1 / 5 / 15 min): ${loads(r.machine.loadStart)} at the start, ${loads(r.machine.loadEnd)} at the end. Other work shares this machine, so absolute numbers are noisy; the ratios, measured A B A B in the same run, and the CPU time per request less so.`,
    `- Services: the webpack builds in dist/, NODE_ENV=production, LOG_FORMAT=json, **LOG_LEVEL=warn** (the default, info, is measured once below), sqlite files in a temporary directory, DEMO_MODE=true for resource-api and client-web (as npm start and the cross-service tests run them).`,
    `- Load: autocannon ${r.packages.autocannon}, in the bench process, ${CONNECTIONS} connections, ${WARMUP} s warm-up then ${SECONDS} s per run, every answer checked to be a 2xx. References: oidc-provider ${r.packages['oidc-provider']}, jose ${r.packages.jose}, and NestJS ${r.packages['@nestjs/core']} on Fastify answering a constant (the framework floor), each in a process of its own.`,
    `- CPU per request: the server process's user + system time (all threads) over the run, divided by its answers.`,
    ...(Object.keys(EXTRA_ENV).length > 0
      ? [
          `- Extra environment for the four services (--env): ${Object.entries(EXTRA_ENV)
            .map(([k, v]) => `\`${k}=${v}\``)
            .join(', ')}.`,
        ]
      : []),
    ...(args['data-dir'] ? [`- Data directory (--data-dir): ${args['data-dir']}.`] : []),
    `- Build ${r.buildSeconds.toFixed(0)} s, whole run ${r.totalSeconds.toFixed(0)} s.`,
    '',
    '## Summary',
    '',
    '| Measure | Ours | Reference | Ratio | Target | |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    `| Token endpoint, client_credentials, req/s (median of ${ROUNDS}) | ${rps(r.token.a.rps)} | ${rps(r.token.b.rps)} oidc-provider | ${tokenRatio.toFixed(2)}× | ≥ ${TARGETS.tokenRatio.toFixed(1)}× (goal ${TARGETS.tokenGoalRatio}×) | ${met(tokenRatio >= TARGETS.tokenRatio)} |`,
    `| Token endpoint p99 (median of ${ROUNDS}) | ${ms(r.token.a.p99)} | ${ms(r.token.b.p99)} | | | |`,
    `| Token endpoint CPU per request | ${cpu(r.token.a.cpuMsPerRequest)} | ${cpu(r.token.b.cpuMsPerRequest)} | ${(r.token.b.cpuMsPerRequest / r.token.a.cpuMsPerRequest).toFixed(2)}× | | |`,
    `| Verified GET /notes/stats, req/s (median of ${ROUNDS}) | ${rps(r.verifiedGet.a.rps)} | ${rps(r.verifiedGet.b.rps)} node:http + jose | ${getRatio.toFixed(2)}× | ≥ ${TARGETS.verifiedGetRatio}× | ${met(getRatio >= TARGETS.verifiedGetRatio)} |`,
    `| Verified GET p99 (median of ${ROUNDS}) | ${ms(r.verifiedGet.a.p99)} | ${ms(r.verifiedGet.b.p99)} | | | |`,
    `| Verified GET CPU per request | ${cpu(r.verifiedGet.a.cpuMsPerRequest)} | ${cpu(r.verifiedGet.b.cpuMsPerRequest)} | ${(r.verifiedGet.b.cpuMsPerRequest / r.verifiedGet.a.cpuMsPerRequest).toFixed(2)}× | | |`,
    ...r.introspection.map(
      (row) =>
        `| Verified GET, introspection mode, cache ${row.cacheSeconds} s, req/s (1 round; jwt mode beside it) | ${rps(row.introspection.rps)}, p99 ${ms(row.introspection.p99)} | ${rps(row.jwt.rps)}, p99 ${ms(row.jwt.p99)} jwt mode | ${(row.introspection.rps / row.jwt.rps).toFixed(2)}× | reported | |`,
    ),
    `| Verified GET, DEMO_MODE=false (no step log), req/s (1 round; DEMO_MODE=true beside it) | ${rps(r.demoOff.off.rps)}, ${cpu(r.demoOff.off.cpuMsPerRequest)} CPU | ${rps(r.demoOff.on.rps)}, ${cpu(r.demoOff.on.cpuMsPerRequest)} CPU with DEMO_MODE | ${(r.demoOff.off.rps / r.demoOff.on.rps).toFixed(2)}× | reported | |`,
    `| Nest + Fastify floor: GET answering a constant, req/s (1 round; resource-api beside it) | ${rps(r.floor.resourceApi.rps)}, ${cpu(r.floor.resourceApi.cpuMsPerRequest)} CPU | ${rps(r.floor.floor.rps)}, ${cpu(r.floor.floor.cpuMsPerRequest)} CPU floor | ${(r.floor.resourceApi.rps / r.floor.floor.rps).toFixed(2)}× | reported | |`,
    `| Nest + Fastify + passport-jwt floor: the guard and nothing else, req/s (1 round; node:http + jose beside it) | ${rps(r.guardedFloor.floor.rps)}, ${cpu(r.guardedFloor.floor.cpuMsPerRequest)} CPU | ${rps(r.guardedFloor.jose.rps)}, ${cpu(r.guardedFloor.jose.cpuMsPerRequest)} CPU node:http + jose | ${(r.guardedFloor.floor.rps / r.guardedFloor.jose.rps).toFixed(2)}× | reported | |`,
    `| The same floor on Fastify and on Express (1 round; login-ui and client-web stay on Express) | ${rps(r.adapters.fastify.rps)}, ${cpu(r.adapters.fastify.cpuMsPerRequest)} CPU on Fastify | ${rps(r.adapters.express.rps)}, ${cpu(r.adapters.express.cpuMsPerRequest)} CPU on Express | ${(r.adapters.fastify.rps / r.adapters.express.rps).toFixed(2)}× | reported | |`,
    `| Full flow p50 (${FLOWS} sequential flows) | ${ms(r.flow.p50)} | password hash ${ms(r.flow.hashMs)} | p50 − hash = ${ms(flowOverHash)} | ≤ ${TARGETS.flowP50OverHashMs} ms + hash | ${met(flowOverHash <= TARGETS.flowP50OverHashMs)} |`,
    `| Full flow p95 | ${ms(r.flow.p95)} | | | | |`,
    `| Refresh (rotation, sqlite write), ${CONNECTIONS} chains | ${rps(r.refresh.rps)}, p99 ${ms(r.refresh.p99)}, ${cpu(r.refresh.cpuMsPerRequest)} CPU | | | reported | |`,
    `| Cold start: all four healthy, first boot | ${ms(r.coldStart.all)} | | | ≤ ${TARGETS.coldStartMs / 1000} s | ${met(r.coldStart.all <= TARGETS.coldStartMs)} |`,
    `| RSS after load, the larger of auth-server and resource-api | ${mb(rssMax)} | | | ≤ 120 MB each | ${met(rssMax <= TARGETS.rssBytes)} |`,
    '',
    'Ratios of req/s are ours ÷ reference; the CPU ratio is reference ÷ ours (above 1: we spend less CPU a request).',
    '',
    '## Rounds (A B A B …)',
    '',
    '| Round | auth-server | oidc-provider | resource-api | node:http + jose | load (1 min) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.token.a.rounds.map(
      (_, i) =>
        `| ${i + 1} | ${round(r.token.a, i)} | ${round(r.token.b, i)} | ${round(r.verifiedGet.a, i)} | ${round(r.verifiedGet.b, i)} | ${r.verifiedGet.b.rounds[i].load.toFixed(2)} |`,
    ),
    '',
    `Token responses: ${r.tokenBytes.ours} bytes (auth-server), ${r.tokenBytes.theirs} bytes (oidc-provider).`,
    '',
    '## Full flow: where a flow spends its time',
    '',
    `${r.flow.requests.toFixed(0)} requests a flow, a fresh browser each time (a login with the password, a consent page); p50 ${ms(r.flow.p50)}, p95 ${ms(r.flow.p95)}, max ${ms(r.flow.max)}. Per request, as the browser sees it (each includes the back-channel calls the service makes before answering):`,
    '',
    '| Request | p50 | p95 |',
    '| --- | ---: | ---: |',
    ...r.flow.hops.map((hop) => `| ${hop.label} | ${ms(hop.p50)} | ${ms(hop.p95)} |`),
    `| (the bench's browser between requests: parsing pages) | ${ms(r.flow.browserMs)} | |`,
    '',
    `The password hash: scrypt N=${SCRYPT.N} r=${SCRYPT.r} p=${SCRYPT.p} (login-ui's cost) takes ${ms(r.flow.hashMs)} (median of ${FLOWS}, one after each flow, in the bench process); POST /login, which includes it and login-ui's accept call to auth-server's admin API, ${loginHop ? ms(loginHop.p50) : 'n/a'} at p50.`,
    '',
    `CPU per flow (all threads): ${SERVICE_NAMES.map((n) => `${n} ${ms(r.flow.cpuMsPerFlow[n])}`).join(', ')}.`,
    '',
    '## Cold start and memory',
    '',
    '| Service | healthy after, first boot | healthy after, restart (info) | RSS once healthy | RSS after load |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...SERVICE_NAMES.map(
      (name) =>
        `| ${name} | ${ms(r.coldStart[name])} | ${ms(r.restart[name])} | ${mb(r.rssAtStart[name])} | ${mb(r.rss[name])} |`,
    ),
    `| all four | ${ms(r.coldStart.all)} | ${ms(r.restart.all)} | | |`,
    `| oidc-provider (reference) | | | | ${mb(r.rssReference['oidc-provider'])} |`,
    `| node:http + jose (reference) | | | | ${mb(r.rssReference['node:http + jose'])} |`,
    `| Nest + Fastify, constant answer (floor) | | | | ${mb(r.rssReference['Nest + Fastify, constant answer'])} |`,
    `| Nest + Express, constant answer (floor) | | | | ${mb(r.rssReference['Nest + Express, constant answer'])} |`,
    '',
    'Cold start: from spawning the four processes at once to each one’s GET /health answering 200 (resource-api’s needs auth-server’s JWKS). The first boot creates the sqlite files, migrates, seeds (two scrypt hashes) and generates the signing key; the restart reuses them. RSS: VmRSS from /proc after every load above; MB = 10⁶ bytes.',
    '',
    '## LOG_LEVEL=info (the default) against warn',
    '',
    '| Measure | warn | info |',
    '| --- | ---: | ---: |',
    `| Token endpoint req/s (median of the rounds) | ${rps(r.token.a.rps)} | ${rps(r.info.token.a.rps)} |`,
    `| Token endpoint ÷ oidc-provider, same run (target: info within 20% of warn) | ${tokenRatio.toFixed(2)}× | ${infoTokenRatio.toFixed(2)}× ${met(infoTokenRatio >= 0.8 * tokenRatio)} |`,
    `| Token endpoint p99 | ${ms(r.token.a.p99)} | ${ms(r.info.token.a.p99)} |`,
    `| Token endpoint CPU per request | ${cpu(r.token.a.cpuMsPerRequest)} | ${cpu(r.info.token.a.cpuMsPerRequest)} |`,
    `| Verified GET req/s (median of the rounds) | ${rps(r.verifiedGet.a.rps)} | ${rps(r.info.verifiedGet.a.rps)} |`,
    `| Verified GET ÷ node:http + jose, same run (target: info within 20% of warn) | ${getRatio.toFixed(2)}× | ${infoGetRatio.toFixed(2)}× ${met(infoGetRatio >= 0.8 * getRatio)} |`,
    `| Verified GET CPU per request | ${cpu(r.verifiedGet.a.cpuMsPerRequest)} | ${cpu(r.info.verifiedGet.a.cpuMsPerRequest)} |`,
    `| Full flow p50 (${FLOWS} / ${INFO_FLOWS} flows) | ${ms(r.flow.p50)} | ${ms(r.info.flow.p50)} |`,
    `| Full flow p95 | ${ms(r.flow.p95)} | ${ms(r.info.flow.p95)} |`,
    '',
    '## Load average per phase (1 min, at its end)',
    '',
    '| Phase | load |',
    '| --- | ---: |',
    ...phases.map((p) => `| ${p.name} | ${p.load.toFixed(2)} |`),
    '',
  ];
  return lines.join('\n');
}

/** Each profiled service's profile, cut into its measured runs. */
function profileReport(profileDir) {
  const sections = [
    '## CPU profiles (--profile)',
    '',
    'Self time of the main thread during the measured runs (warm-ups excluded), as a share of its busy (not idle) time; "busy … of …" against the runs\' length says whether the service was CPU-bound or waiting (on sqlite\'s thread pool, the disk, the network).',
    '',
  ];
  for (const service of PROFILED) {
    const dir = join(profileDir, service);
    const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
    if (files.length === 0) {
      sections.push(`No profile was written for ${service}.`, '');
      continue;
    }
    const profile = JSON.parse(readFileSync(join(dir, files[0]), 'utf8'));
    sections.push(`Profile: ${relative(WORKSPACE_ROOT, join(dir, files[0]))}`, '');
    const labels = [
      ...new Set(runWindows.filter((w) => w.service === service).map((w) => w.label)),
    ];
    for (const label of labels) {
      const windows = runWindows.filter((w) => w.service === service && w.label === label);
      const summary = summarize(profile, { windows });
      sections.push(`### ${service}: ${label}`, '', formatSummary(summary, { title: service }), '');
    }
  }
  return sections.join('\n');
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`\nbench failed: ${error instanceof Error ? error.stack : String(error)}`);
    console.error(`service logs: ${relative(WORKSPACE_ROOT, join(OUTPUT_DIR, 'logs'))}/`);
    process.exit(1);
  },
);
